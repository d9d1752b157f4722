package projections

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/ontology"
)

// PeopleName is the checkpoint name of the people projector.
const PeopleName = "people.v1"

// People statuses ("active" is also the things status of a live row).
const (
	statusActive = "active"
	statusBanned = "banned"
)

// People returns the people.v1 projector: one ontology.Person per signed-up
// person, with status "active" or "banned". Fields holds the additional user fields as a JSON object; profile
// updates merge their changed fields into it key by key; a proven address
// sets EmailVerified and a changed one moves Email (a pending link is no
// row of its own). TwoFactorEnabled
// stays false until two-factor events exist. LastSignInAt follows the
// completed sign-ins (people_signin.go).
func People() Projector {
	return withTwoFactor(&table{
		name: PeopleName,
		on: map[string]applyFunc{
			person.TypeSignedUp:       on(peopleSignedUp),
			person.TypeProfileUpdated: on(peopleProfileUpdated),
			person.TypeEmailVerified: on(func(ctx context.Context, w ontology.Writer, e person.EmailVerified) error {
				return setPersonEmail(ctx, w, e.PersonID, "", e.At)
			}),
			person.TypeEmailChanged: on(func(ctx context.Context, w ontology.Writer, e person.EmailChanged) error {
				return setPersonEmail(ctx, w, e.PersonID, e.NewEmail, e.At)
			}),
			person.TypeBanned: on(func(ctx context.Context, w ontology.Writer, e person.Banned) error {
				return setPersonStatus(ctx, w, e.PersonID, statusBanned, e.At)
			}),
			person.TypeUnbanned: on(func(ctx context.Context, w ontology.Writer, e person.Unbanned) error {
				return setPersonStatus(ctx, w, e.PersonID, statusActive, e.At)
			}),
			person.TypeRoleChanged: on(func(ctx context.Context, w ontology.Writer, e person.RoleChanged) error {
				p, err := getPerson(ctx, w, e.PersonID)
				if err != nil {
					return err
				}
				p.Role, p.UpdatedAt = e.Role, e.At
				return w.PutPerson(ctx, p)
			}),
			// Only the people row: the other projectors of the same batch
			// still see their rows of this person until their own erasure.
			person.TypeErased: on(func(ctx context.Context, w ontology.Writer, e person.Erased) error {
				return w.DeletePerson(ctx, e.PersonID)
			}),
		},
	}, twoFactorPeople(), peopleSignIns())
}

func peopleSignedUp(ctx context.Context, w ontology.Writer, e person.SignedUp) error {
	fields, err := mergeFields(nil, e.Fields)
	if err != nil {
		return err
	}
	return w.PutPerson(ctx, ontology.Person{
		ID: e.PersonID, Name: e.Name, Email: e.Email, EmailVerified: e.EmailVerified, Image: e.Image,
		Role: e.Role, Status: statusActive, Fields: fields, CreatedAt: e.At, UpdatedAt: e.At,
	})
}

func peopleProfileUpdated(ctx context.Context, w ontology.Writer, e person.ProfileUpdated) error {
	p, err := getPerson(ctx, w, e.PersonID)
	if err != nil {
		return err
	}
	if e.SetName {
		p.Name = e.Name
	}
	if e.SetImage {
		p.Image = e.Image
	}
	if p.Fields, err = mergeFields(p.Fields, e.Fields); err != nil {
		return err
	}
	p.UpdatedAt = e.At
	return w.PutPerson(ctx, p)
}

// setPersonEmail marks the address proven, moving it to addr unless "".
func setPersonEmail(ctx context.Context, w ontology.Writer, id, addr string, at time.Time) error {
	p, err := getPerson(ctx, w, id)
	if err != nil {
		return err
	}
	if addr != "" {
		p.Email = addr
	}
	p.EmailVerified, p.UpdatedAt = true, at
	return w.PutPerson(ctx, p)
}

func setPersonStatus(ctx context.Context, w ontology.Writer, id, status string, at time.Time) error {
	p, err := getPerson(ctx, w, id)
	if err != nil {
		return err
	}
	p.Status, p.UpdatedAt = status, at
	return w.PutPerson(ctx, p)
}

// getPerson reads a person row, failing with ErrMissingRow when the person
// was never projected.
func getPerson(ctx context.Context, w ontology.Writer, id string) (ontology.Person, error) {
	p, err := w.GetPerson(ctx, id)
	if errors.Is(err, ontology.ErrNotFound) {
		return p, fmt.Errorf("%w: person %s", ErrMissingRow, id)
	}
	return p, err
}

// mergeFields overlays the JSON object changed onto the JSON object base,
// key by key (a null value is kept as null: the field was cleared). Empty
// inputs count as no object; the result is nil when both are empty.
func mergeFields(base json.RawMessage, changed string) (json.RawMessage, error) {
	if changed == "" {
		return base, nil
	}
	var overlay map[string]json.RawMessage
	if err := json.Unmarshal([]byte(changed), &overlay); err != nil || overlay == nil {
		return nil, ErrBadFields
	}
	merged := map[string]json.RawMessage{}
	if len(base) > 0 {
		if err := json.Unmarshal(base, &merged); err != nil || merged == nil {
			return nil, ErrBadFields
		}
	}
	for k, v := range overlay {
		merged[k] = v
	}
	return json.Marshal(merged)
}
