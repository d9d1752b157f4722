package identity

import (
	"context"

	"github.com/authledger/authledger/api/app"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
)

// UpdateUserInput changes the caller's profile: name and image when set,
// and the additional fields the client sent (decoded JSON values; null
// clears an optional field).
type UpdateUserInput struct {
	SessionInput
	Name   *string
	Image  *string
	Fields map[string]any
}

// UpdateUser changes name, image and client-settable additional fields.
// The email cannot change here (EMAIL_CAN_NOT_BE_UPDATED), nor can the
// platform role or any field the schema does not let clients set.
func (s *Service) UpdateUser(ctx context.Context, in UpdateUserInput) error {
	if _, ok := in.Fields["email"]; ok {
		return domain.ErrEmailCannotUpdate
	}
	if in.Name != nil {
		if err := domain.ValidName(*in.Name); err != nil {
			return err
		}
	}
	if err := ValidImage(in.Image); err != nil {
		return err
	}
	fields, err := s.cfg.Fields.ForUpdate(in.Fields)
	if err != nil {
		return err
	}
	fieldJSON, err := person.EncodeFields(fields)
	if err != nil {
		return err
	}
	personID := in.Session.User.ID
	_, err = app.Run(ctx, s.app, person.NewDecider(), domain.PersonStream(personID), in.Caller.Meta(personID, s.app.Now()), personID,
		func(person.State) person.Command {
			return person.UpdateProfile{Name: in.Name, Image: in.Image, Fields: fieldJSON, At: s.app.Now()}
		})
	return err
}
