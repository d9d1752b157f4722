package person

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// TypeAccountLinked is the type name of AccountLinked. Names are schema:
// never rename it.
const TypeAccountLinked = "person.account_linked"

// LinkAccount records on the person that an external account of theirs
// was created; the caller appends it with the account's account.created.
type LinkAccount struct {
	AccountID  string
	ProviderID string
	Subject    string
	At         time.Time
}

func (LinkAccount) isPersonCommand() {}

// AccountLinked records that an external account belongs to the person,
// so the person's accounts are known from the person's own stream.
type AccountLinked struct {
	PersonID   string    `json:"personId"`
	AccountID  string    `json:"accountId"`
	ProviderID string    `json:"providerId"`
	Subject    string    `json:"subject" pii:"true"`
	At         time.Time `json:"at"`
}

// EventType implements domain.Event.
func (AccountLinked) EventType() string { return TypeAccountLinked }

// LinkedAccount is one external account of a person.
type LinkedAccount struct {
	ID         string
	ProviderID string
	Subject    string
	CreatedAt  time.Time
}

// decideLinkAccount links an account to an existing person once; linking
// the same account again is a no-op.
func decideLinkAccount(s State, c LinkAccount) ([]domain.Event, error) {
	if !s.Exists {
		return nil, domain.ErrNotFound
	}
	if !domain.ValidID(c.AccountID) || c.ProviderID == "" || c.Subject == "" {
		return nil, domain.Errorf(domain.CodeValidation, "account id, provider and subject are required")
	}
	if _, ok := s.Account(c.AccountID); ok {
		return nil, nil
	}
	return []domain.Event{AccountLinked{PersonID: s.ID, AccountID: c.AccountID, ProviderID: c.ProviderID,
		Subject: c.Subject, At: c.At}}, nil
}

// evolveAccountLinked adds the account to the person's list (a copy: a
// folded state is never shared).
func evolveAccountLinked(s State, e AccountLinked) State {
	out := make([]LinkedAccount, 0, len(s.Accounts)+1)
	out = append(out, s.Accounts...)
	s.Accounts = append(out, LinkedAccount{ID: e.AccountID, ProviderID: e.ProviderID, Subject: e.Subject, CreatedAt: e.At})
	s.UpdatedAt = e.At
	return s
}

// Account returns the person's external account id, if linked.
func (s State) Account(id string) (LinkedAccount, bool) {
	for _, a := range s.Accounts {
		if a.ID == id {
			return a, true
		}
	}
	return LinkedAccount{}, false
}
