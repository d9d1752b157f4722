package useradmin

import (
	"context"
	"errors"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// CreateUserInput is create-user's body: Password "" creates a person
// without a credential account; Role "" takes the default role.
type CreateUserInput struct {
	Admin    Admin
	Email    string
	Password string
	Name     string
	Role     string
	Data     map[string]any
}

// CreateUser creates a person (and a credential account when a password is
// given) in one append, by the administrator. The address is not proven.
func (s *Service) CreateUser(ctx context.Context, in CreateUserInput) (sessionindex.User, error) {
	if err := in.Admin.require("user", "create", ErrNotAllowedToCreate); err != nil {
		return sessionindex.User{}, err
	}
	role, data, err := createRole(in)
	if err != nil {
		return sessionindex.User{}, err
	}
	if role != "" {
		if err := in.Admin.require("user", "set-role", ErrNotAllowedToChangeRole); err != nil {
			return sessionindex.User{}, err
		}
	}
	addr, err := email.Canonicalize(in.Email)
	if err != nil {
		return sessionindex.User{}, domain.ErrInvalidEmail
	}
	if err := domain.ValidName(in.Name); err != nil {
		return sessionindex.User{}, err
	}
	cfg := s.identity.Config()
	fields, err := cfg.Fields.ForCreate(data)
	if err != nil {
		return sessionindex.User{}, err
	}
	hash := ""
	if in.Password != "" {
		if err := cfg.PasswordPolicy.Check(in.Password, email.LocalPart(addr), in.Name); err != nil {
			return sessionindex.User{}, err
		}
		if hash, err = s.app.Hasher.Hash(ctx, in.Password); err != nil {
			return sessionindex.User{}, err
		}
	}
	if _, err := s.app.Owner(ctx, "email", addr); err == nil {
		return sessionindex.User{}, domain.ErrUserAlreadyExists
	} else if !errors.Is(err, eventstore.ErrClaimNotFound) {
		return sessionindex.User{}, err
	}
	personID, err := s.appendCreate(ctx, in, addr, role, fields, hash)
	if err != nil {
		return sessionindex.User{}, err
	}
	return s.user(personID)
}

// createRole takes the role from the body (or data.role, as Better Auth
// does) and returns the data without it.
func createRole(in CreateUserInput) (string, map[string]any, error) {
	role := in.Role
	data := make(map[string]any, len(in.Data))
	for k, v := range in.Data {
		if k == "role" {
			r, ok := v.(string)
			if !ok {
				return "", nil, person.ErrInvalidRole
			}
			if role == "" {
				role = r
			}
			continue
		}
		data[k] = v
	}
	if role != "" && !person.ValidRole(role) {
		return "", nil, person.ErrInvalidRole
	}
	return role, data, nil
}

// appendCreate decides and appends the new person (and account).
func (s *Service) appendCreate(ctx context.Context, in CreateUserInput, addr, role string, fields map[string]any, hash string) (string, error) {
	ids, err := s.app.NewIDs(2)
	if err != nil {
		return "", err
	}
	personID, accountID, now := ids[0], "", s.app.Now()
	if hash != "" {
		accountID = ids[1]
	}
	delete(fields, "role")
	fieldJSON, err := person.EncodeFields(fields)
	if err != nil {
		return "", err
	}
	pEvs, err := person.Decide(person.State{}, person.SignUp{PersonID: personID, Email: addr,
		Name: strings.TrimSpace(in.Name), Role: role, Fields: fieldJSON, CredentialAccountID: accountID, At: now})
	if err != nil {
		return "", err
	}
	stream := domain.PersonStream(personID)
	changes := []eventstore.Change{{Stream: stream, Expected: eventstore.NoStream, Events: pEvs,
		Claims: []eventstore.Claim{s.app.Claim("email", addr, stream)}}}
	if hash != "" {
		aEvs, err := account.Decide(account.State{}, account.Create{AccountID: accountID, PersonID: personID,
			ProviderID: account.ProviderCredential, PasswordHash: hash, At: now})
		if err != nil {
			return "", err
		}
		changes = append(changes, eventstore.Change{Stream: account.Stream(accountID), Expected: eventstore.NoStream, Events: aEvs})
	}
	_, err = s.app.CommitNew(ctx, s.meta(in.Admin), personID, changes...)
	if errors.Is(err, eventstore.ErrClaimTaken) {
		return "", domain.ErrUserAlreadyExists
	}
	return personID, err
}

// GetUserInput names the user to read.
type GetUserInput struct {
	Admin  Admin
	UserID string
}

// GetUser returns a user.
func (s *Service) GetUser(_ context.Context, in GetUserInput) (sessionindex.User, error) {
	if err := in.Admin.require("user", "get", ErrNotAllowedToGet); err != nil {
		return sessionindex.User{}, err
	}
	return s.user(in.UserID)
}

// SetRoleInput is set-role's body (several roles joined by commas).
type SetRoleInput struct {
	Admin  Admin
	UserID string
	Role   string
}

// SetRole changes a person's platform role (person.role_changed, by the
// administrator).
func (s *Service) SetRole(ctx context.Context, in SetRoleInput) (sessionindex.User, error) {
	if err := in.Admin.require("user", "set-role", ErrNotAllowedToChangeRole); err != nil {
		return sessionindex.User{}, err
	}
	if !person.ValidRole(in.Role) {
		return sessionindex.User{}, person.ErrInvalidRole
	}
	if _, err := s.loadPerson(ctx, in.UserID); err != nil {
		return sessionindex.User{}, err
	}
	if err := s.setRole(ctx, s.meta(in.Admin), in.UserID, in.Role, in.Admin.id()); err != nil {
		return sessionindex.User{}, err
	}
	return s.user(in.UserID)
}

// setRole appends the role change.
func (s *Service) setRole(ctx context.Context, meta domain.Metadata, personID, role, by string) error {
	_, err := app.Run(ctx, s.app, person.NewDecider(), domain.PersonStream(personID), meta, personID,
		func(person.State) person.Command { return person.SetRole{Role: role, By: by, At: meta.OccurredAt} })
	return err
}

// OperatorSetRoleInput names the person (by id or email) and the role an
// operator grants from the command line.
type OperatorSetRoleInput struct {
	Caller  app.Caller
	Actor   string // the operator's actor name, e.g. "admin-cli"
	IDOrKey string // a person id or an email address
	Role    string
}

// OperatorSetRole sets a role without an administrator session: the
// operator's command that grants the first administrator. It returns the
// person id.
func (s *Service) OperatorSetRole(ctx context.Context, in OperatorSetRoleInput) (string, error) {
	if !person.ValidRole(in.Role) {
		return "", person.ErrInvalidRole
	}
	id := in.IDOrKey
	if strings.Contains(id, "@") {
		addr, err := email.Canonicalize(id)
		if err != nil {
			return "", domain.ErrInvalidEmail
		}
		owner, err := s.app.Owner(ctx, "email", addr)
		if errors.Is(err, eventstore.ErrClaimNotFound) {
			return "", ErrUserNotFound
		}
		if err != nil {
			return "", err
		}
		id = strings.TrimPrefix(owner, domain.PersonStreamPrefix)
	}
	if _, err := s.loadPerson(ctx, id); err != nil {
		return "", err
	}
	return id, s.setRole(ctx, in.Caller.Meta(in.Actor, s.app.Now()), id, in.Role, in.Actor)
}
