package projections

import (
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
)

// GroupsName is the checkpoint name of the groups projector.
const GroupsName = "groups.v1"

// Groups returns the groups.v1 projector. Organizations do not exist yet:
// it handles nothing and lists every current event as ignored, so the
// exhaustiveness test flags the first group.* event that is not handled.
func Groups() Projector {
	return &table{
		name: GroupsName,
		on:   map[string]applyFunc{},
		ignored: []string{
			person.TypeSignedUp, person.TypeProfileUpdated, person.TypeBanned, person.TypeUnbanned,
			account.TypeCreated, account.TypeSignInSucceeded, account.TypeSignInFailed,
			account.TypePasswordChanged, account.TypePasswordChangeFailed, account.TypePasswordRehashed,
			session.TypeCreated, session.TypeRefreshed, session.TypeRevoked, session.TypeExpired,
		},
	}
}
