package person

import (
	"encoding/json"
	"time"

	"github.com/authledger/authledger/domain"
)

// State is a person folded from its stream.
type State struct {
	ID                  string
	Exists              bool
	Email               string
	Name                string
	Image               string
	EmailVerified       bool
	Role                string
	Fields              map[string]any
	CredentialAccountID string
	Accounts            []LinkedAccount // external accounts, in link order
	Banned              bool
	BanReason           string    // why, while Banned
	BanExpires          time.Time // when the ban ends by itself (zero: never)
	Erased              bool      // erased: Exists is false, PII is gone for good
	VerifyTokenHash     string    // SHA-256 of the pending verification token
	VerifyEmail         string    // the address that token was mailed to
	VerifyExpiresAt     time.Time // when that token stops working
	ChangeTokenHash     string    // SHA-256 of the pending change-email link
	ChangeStage         string    // ChangeStageConfirm or ChangeStageVerify
	ChangeFrom          string    // the address when the change was asked
	ChangeTo            string    // the address asked for
	ChangeExpiresAt     time.Time // when that link stops working
	DeleteTokenHash     string    // SHA-256 of the pending delete-account link
	DeleteExpiresAt     time.Time // when that link stops working
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// Evolve folds one event into the state.
func Evolve(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case SignedUp:
		s = State{ID: e.PersonID, Exists: true, Email: e.Email, Name: e.Name, Image: e.Image,
			EmailVerified: e.EmailVerified, Role: e.Role, Fields: decodeFields(e.Fields),
			CredentialAccountID: e.CredentialAccountID, CreatedAt: e.At, UpdatedAt: e.At}
	case ProfileUpdated:
		if e.SetName {
			s.Name = e.Name
		}
		if e.SetImage {
			s.Image = e.Image
		}
		s.Fields = mergeFields(s.Fields, decodeFields(e.Fields))
		s.UpdatedAt = e.At
	case Banned:
		s.Banned, s.BanReason, s.BanExpires, s.UpdatedAt = true, e.Reason, e.Expires, e.At
	case Unbanned:
		s.Banned, s.BanReason, s.BanExpires, s.UpdatedAt = false, "", time.Time{}, e.At
	case RoleChanged:
		s.Role, s.UpdatedAt = e.Role, e.At
	case Erased:
		s = evolveErased(s, e)
	case EmailVerificationRequested, EmailVerified:
		s = evolveVerification(s, ev)
	case EmailChangeRequested, EmailChanged:
		s = evolveChange(s, ev)
	case AccountLinked:
		s = evolveAccountLinked(s, e)
	case AccountUnlinked:
		s = evolveAccountUnlinked(s, e)
	case UnprovenAccessRemoved, CredentialAdded:
		s = evolveProof(s, ev)
	case DeletionRequested:
		s.DeleteTokenHash, s.DeleteExpiresAt = e.TokenHash, e.ExpiresAt
	}
	return s
}

// decodeFields parses the JSON object of additional fields; an empty or
// unreadable value (e.g. after erasure) yields nil.
func decodeFields(raw string) map[string]any {
	if raw == "" {
		return nil
	}
	var m map[string]any
	if json.Unmarshal([]byte(raw), &m) != nil {
		return nil
	}
	return m
}

// mergeFields returns base overlaid with changes, without mutating base.
func mergeFields(base, changes map[string]any) map[string]any {
	if len(changes) == 0 {
		return base
	}
	out := make(map[string]any, len(base)+len(changes))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range changes {
		out[k] = v
	}
	return out
}

// EncodeFields is the canonical JSON form of additional fields used in
// events ("" for none). encoding/json sorts map keys, so it is deterministic.
func EncodeFields(m map[string]any) (string, error) {
	if len(m) == 0 {
		return "", nil
	}
	b, err := json.Marshal(m)
	return string(b), err
}
