package authenticator

import (
	"slices"
	"time"

	"github.com/authledger/authledger/domain"
)

// Passkey is one registered credential as the state knows it.
type Passkey struct {
	ID              string
	Name            string
	CredentialID    string
	PublicKey       string
	AttestationType string
	AAGUID          string
	SignCount       uint32
	Transports      string
	UserVerified    bool
	BackupEligible  bool
	BackedUp        bool
	CreatedAt       time.Time
}

// State is a person's passkeys folded from the stream, in registration
// order.
type State struct {
	PersonID string
	Passkeys []Passkey
}

// Find returns the passkey with id and whether it exists.
func (s State) Find(id string) (Passkey, bool) {
	i := s.index(id)
	if i < 0 {
		return Passkey{}, false
	}
	return s.Passkeys[i], true
}

// ByCredential returns the passkey with the credential id (base64url).
func (s State) ByCredential(credentialID string) (Passkey, bool) {
	for _, p := range s.Passkeys {
		if p.CredentialID == credentialID {
			return p, true
		}
	}
	return Passkey{}, false
}

func (s State) index(id string) int {
	return slices.IndexFunc(s.Passkeys, func(p Passkey) bool { return p.ID == id })
}

// Evolve folds one event into the state. The slice is copied before a
// change so earlier states stay untouched.
func Evolve(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case Registered:
		s.PersonID = e.PersonID
		s.Passkeys = append(slices.Clone(s.Passkeys), Passkey{ID: e.PasskeyID, Name: e.Name, CredentialID: e.CredentialID,
			PublicKey: e.PublicKey, AttestationType: e.AttestationType, AAGUID: e.AAGUID, SignCount: e.SignCount,
			Transports: e.Transports, UserVerified: e.UserVerified, BackupEligible: e.BackupEligible, BackedUp: e.BackedUp,
			CreatedAt: e.At})
	case Renamed:
		s = s.update(e.PasskeyID, func(p *Passkey) { p.Name = e.Name })
	case Deleted:
		s.Passkeys = slices.DeleteFunc(slices.Clone(s.Passkeys), func(p Passkey) bool { return p.ID == e.PasskeyID })
	case Used:
		s = s.update(e.PasskeyID, func(p *Passkey) { p.SignCount, p.BackedUp = e.SignCount, e.BackedUp })
	case SignCountRegressed:
		// audit only: the stored counter stays where it was
	}
	return s
}

func (s State) update(id string, f func(*Passkey)) State {
	i := s.index(id)
	if i < 0 {
		return s
	}
	s.Passkeys = slices.Clone(s.Passkeys)
	f(&s.Passkeys[i])
	return s
}
