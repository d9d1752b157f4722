package person

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// TypeErased is the type name of Erased. Names are schema: never rename it.
const TypeErased = "person.erased"

// Erase erases the person (right to erasure). The caller releases the
// person's claims and revokes their sessions in the same append, then
// destroys the person's data key (crypto-shredding).
type Erase struct{ At time.Time }

func (Erase) isPersonCommand() {}

// Erased records that the person was erased. It holds no personal data:
// only the id and the time, so the audit trail keeps types, times and ids.
type Erased struct {
	PersonID string    `json:"personId"`
	At       time.Time `json:"at"`
}

// EventType implements domain.Event.
func (Erased) EventType() string { return TypeErased }

// decideErase erases an existing person once; erasing again is a no-op.
func decideErase(s State, c Erase) ([]domain.Event, error) {
	if !s.Exists {
		if s.Erased {
			return nil, nil
		}
		return nil, domain.ErrNotFound
	}
	return []domain.Event{Erased{PersonID: s.ID, At: c.At}}, nil
}

// evolveErased forgets everything personal: only the id and the fact of
// the erasure remain.
func evolveErased(s State, e Erased) State {
	return State{ID: e.PersonID, Erased: true, CreatedAt: s.CreatedAt, UpdatedAt: e.At}
}
