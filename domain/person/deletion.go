package person

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// TypeDeletionRequested is the type name of DeletionRequested. Names are
// schema: never rename it.
const TypeDeletionRequested = "person.deletion_requested"

// DeleteTTL is the life of an emailed delete-account link (Better Auth's
// default: 1 day).
const DeleteTTL = 24 * time.Hour

// RequestDeletion records a delete-account link (its SHA-256 only) mailed
// to the person; it supersedes a pending one. Following it erases the
// person (Erase).
type RequestDeletion struct {
	TokenHash string
	ExpiresAt time.Time
	At        time.Time
	// MailID identifies the mail this asks for: the mailer re-creates the
	// link's token from it (see api/maillink); "" for none.
	MailID string
	// CallbackURL is where the emailed link finally sends the browser.
	CallbackURL string
}

func (RequestDeletion) isPersonCommand() {}

// DeletionRequested records a pending delete-account link.
type DeletionRequested struct {
	PersonID    string    `json:"personId"`
	TokenHash   string    `json:"tokenHash"`
	ExpiresAt   time.Time `json:"expiresAt"`
	At          time.Time `json:"at"`
	MailID      string    `json:"mailId,omitempty"`      // the mail's id: its link token is derived from it
	CallbackURL string    `json:"callbackURL,omitempty"` // where the emailed link finally sends the browser
}

// EventType implements domain.Event.
func (DeletionRequested) EventType() string { return TypeDeletionRequested }

func decideRequestDeletion(s State, c RequestDeletion) ([]domain.Event, error) {
	if !s.Exists {
		return nil, domain.ErrNotFound
	}
	if c.TokenHash == "" || !c.ExpiresAt.After(c.At) {
		return nil, domain.Errorf(domain.CodeValidation, "invalid deletion request")
	}
	return []domain.Event{DeletionRequested{PersonID: s.ID, TokenHash: c.TokenHash, ExpiresAt: c.ExpiresAt, At: c.At,
		MailID: c.MailID, CallbackURL: c.CallbackURL}}, nil
}

// CheckDeletionToken accepts only the pending delete-account link of the
// person, before it expires (ErrInvalidToken otherwise).
func CheckDeletionToken(s State, hash string, at time.Time) error {
	if !s.Exists || hash == "" || hash != s.DeleteTokenHash || !at.Before(s.DeleteExpiresAt) {
		return ErrInvalidToken
	}
	return nil
}
