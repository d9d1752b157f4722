// Package catalog lists every event type of every aggregate, so the codec
// registry, the projectors and the exhaustiveness tests all work from one
// list. It is the only domain package that imports several aggregates.
package catalog

import (
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/audit"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/hook"
	"github.com/authledger/authledger/domain/operatorkey"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/domain/signin"
	"github.com/authledger/authledger/domain/social"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/domain/webhookendpoint"
)

// Events returns the zero value of every registered event type.
func Events() []domain.Event {
	var all []domain.Event
	all = append(all, person.Events()...)
	all = append(all, account.Events()...)
	all = append(all, session.Events()...)
	all = append(all, group.Events()...)
	all = append(all, twofactor.Events()...)
	all = append(all, audit.Events()...)
	all = append(all, authenticator.Events()...)
	all = append(all, social.Events()...)
	all = append(all, operatorkey.Events()...)
	all = append(all, hook.Events()...)
	all = append(all, webhookendpoint.Events()...)
	all = append(all, signin.Events()...)
	return all
}
