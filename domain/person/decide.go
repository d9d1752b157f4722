package person

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// SignUp creates a person. Email must already be canonical and claimed by
// the caller's append; Fields already validated against the schema.
type SignUp struct {
	PersonID            string
	Email               string
	Name                string
	Image               string
	Role                string
	Fields              string
	CredentialAccountID string
	// EmailVerified is set when the address is already proven (an OpenID
	// provider's email_verified claim at a social sign-up).
	EmailVerified bool
	At            time.Time
}

// UpdateProfile changes name, image and additional fields. Nil pointers
// leave a value as it is.
type UpdateProfile struct {
	Name   *string
	Image  *string
	Fields string
	At     time.Time
}

// Ban bans the person (sessions are revoked by the caller in the same
// append). Expires, when set, is when the ban ends by itself.
type Ban struct {
	Reason  string
	Expires time.Time
	At      time.Time
}

// Unban lifts a ban.
type Unban struct{ At time.Time }

// Command is any person command.
type Command interface{ isPersonCommand() }

func (SignUp) isPersonCommand()        {}
func (UpdateProfile) isPersonCommand() {}
func (Ban) isPersonCommand()           {}
func (Unban) isPersonCommand()         {}

// NewDecider returns the person decider.
func NewDecider() domain.Decider[State, Command] {
	return domain.Decider[State, Command]{Decide: Decide, Evolve: Evolve}
}

// Decide turns a command into events.
func Decide(s State, c Command) ([]domain.Event, error) {
	switch c := c.(type) {
	case SignUp:
		return decideSignUp(s, c)
	case UpdateProfile:
		return decideUpdate(s, c)
	case Ban:
		if !s.Exists {
			return nil, domain.ErrNotFound
		}
		if err := domain.ValidLabel(c.Reason, MaxBanReasonLen); err != nil {
			return nil, domain.Errorf(domain.CodeValidation, "[body.banReason] "+err.Error())
		}
		if s.Banned && s.BanReason == c.Reason && s.BanExpires.Equal(c.Expires) {
			return nil, nil
		}
		return []domain.Event{Banned{PersonID: s.ID, Reason: c.Reason, Expires: c.Expires, At: c.At}}, nil
	case SetRole:
		return decideSetRole(s, c)
	case Erase:
		return decideErase(s, c)
	case RequestEmailVerification:
		return decideRequestVerification(s, c)
	case VerifyEmail:
		return decideVerify(s, c)
	case RequestEmailChange:
		return decideRequestChange(s, c)
	case ConfirmEmailChange:
		return decideConfirmChange(s, c)
	case ChangeEmail:
		return decideChange(s, c)
	case LinkAccount:
		return decideLinkAccount(s, c)
	case UnlinkAccount:
		return decideUnlinkAccount(s, c)
	case ProveEmail:
		return decideProve(s, c)
	case ForgetUnproven:
		return decideForget(s, c)
	case AddCredential:
		return decideAddCredential(s, c)
	case RequestDeletion:
		return decideRequestDeletion(s, c)
	case Unban:
		if !s.Exists {
			return nil, domain.ErrNotFound
		}
		if !s.Banned {
			return nil, nil
		}
		return []domain.Event{Unbanned{PersonID: s.ID, At: c.At}}, nil
	}
	return nil, domain.Errorf(domain.CodeInternal, "person: unknown command")
}

func decideSignUp(s State, c SignUp) ([]domain.Event, error) {
	if s.Exists || s.Erased {
		return nil, domain.ErrUserAlreadyExists
	}
	if !domain.ValidID(c.PersonID) || c.Email == "" {
		return nil, domain.Errorf(domain.CodeValidation, "person id and email are required")
	}
	role := c.Role
	if role == "" {
		role = "user"
	}
	return []domain.Event{SignedUp{PersonID: c.PersonID, Email: c.Email, Name: c.Name, Image: c.Image,
		Role: role, Fields: c.Fields, CredentialAccountID: c.CredentialAccountID, EmailVerified: c.EmailVerified, At: c.At}}, nil
}

func decideUpdate(s State, c UpdateProfile) ([]domain.Event, error) {
	if !s.Exists {
		return nil, domain.ErrNotFound
	}
	ev := ProfileUpdated{PersonID: s.ID, Fields: c.Fields, At: c.At}
	changed := c.Fields != ""
	if c.Name != nil && *c.Name != s.Name {
		ev.SetName, ev.Name, changed = true, *c.Name, true
	}
	if c.Image != nil && *c.Image != s.Image {
		ev.SetImage, ev.Image, changed = true, *c.Image, true
	}
	if !changed {
		return nil, nil
	}
	return []domain.Event{ev}, nil
}

// MaxBanReasonLen bounds a ban's reason (code points): it is shown to
// administrators and, by Better Auth's clients, to the banned person.
const MaxBanReasonLen = 500
