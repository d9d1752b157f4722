package httpapi

import (
	"time"
	"unicode/utf8"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/token"

	"github.com/authledger/authledger/api/sessionindex"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

type updateUserBody struct {
	Name  *string `json:"name,omitempty"`
	Image *string `json:"image,omitempty"`
}

// updateUser changes name, image and client-settable additional fields.
// Email cannot change here (EMAIL_CAN_NOT_BE_UPDATED), nor can the role.
func (s *Server) updateUser(c echo.Context) error {
	a, err := s.requireSession(c)
	if err != nil {
		return err
	}
	var b updateUserBody
	extra, err := s.decodeWithFields(c, &b)
	if err != nil {
		return err
	}
	if _, ok := extra["email"]; ok {
		return domain.ErrEmailCannotUpdate
	}
	if b.Name != nil {
		if err := validName(*b.Name); err != nil {
			return err
		}
	}
	if err := validImage(b.Image); err != nil {
		return err
	}
	fields, err := s.fields.ForUpdate(extra)
	if err != nil {
		return err
	}
	fieldJSON, err := person.EncodeFields(fields)
	if err != nil {
		return err
	}
	err = runOn(c, s, person.NewDecider(), domain.PersonStream(a.user.ID), a.user.ID, a.user.ID,
		func(person.State) person.Command {
			return person.UpdateProfile{Name: b.Name, Image: b.Image, Fields: fieldJSON, At: s.now()}
		})
	if err != nil {
		return err
	}
	s.setSessionCookies(c, a.token, !s.dontRemember(c))
	return ok200(c, map[string]bool{"status": true})
}

type changePasswordBody struct {
	CurrentPassword     *string `json:"currentPassword"`
	NewPassword         *string `json:"newPassword"`
	RevokeOtherSessions *bool   `json:"revokeOtherSessions,omitempty"`
}

// changePassword verifies the current password, stores a hash of the new
// one and, with revokeOtherSessions, revokes every session and opens a
// fresh one (a new token: the old cookie stops working everywhere).
func (s *Server) changePassword(c echo.Context) error {
	a, err := s.requireSession(c)
	if err != nil {
		return err
	}
	var b changePasswordBody
	if err := decode(c, &b); err != nil {
		return err
	}
	if err := requireStrings(map[string]*string{"currentPassword": b.CurrentPassword, "newPassword": b.NewPassword}); err != nil {
		return err
	}
	if err := s.checkPasswordMax(*b.CurrentPassword); err != nil {
		return err
	}
	if err := s.cfg.PasswordPolicy.Check(*b.NewPassword, email.LocalPart(a.user.Email), a.user.Name); err != nil {
		return err
	}
	revokeOthers := b.RevokeOtherSessions != nil && *b.RevokeOtherSessions
	token, err := s.applyPasswordChange(c, a, *b.CurrentPassword, *b.NewPassword, revokeOthers)
	if err != nil {
		return err
	}
	if token == "" {
		u, _ := s.index.User(a.user.ID)
		return ok200(c, map[string]any{"token": nil, "user": wire.ToUser(u)})
	}
	return s.respondSignedIn(c, token, a.user.ID, true, nil)
}

// applyPasswordChange runs the account decider and, when asked, revokes
// all sessions and opens a new one in the same atomic append.
func (s *Server) applyPasswordChange(c echo.Context, a authed, current, next string, revokeOthers bool) (string, error) {
	ctx := c.Request().Context()
	p, _, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, person.NewDecider(), domain.PersonStream(a.user.ID))
	if err != nil {
		return "", err
	}
	if p.CredentialAccountID == "" {
		return "", domain.Errorf(domain.CodeBadRequest, "Credential account not found")
	}
	newHash, err := s.cfg.Hasher.Hash(ctx, next)
	if err != nil {
		return "", err
	}
	var token string
	err = s.retry(func() error {
		st, v, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, account.NewDecider(), account.Stream(p.CredentialAccountID))
		if err != nil {
			return err
		}
		ok, _, err := s.cfg.Hasher.Verify(ctx, current, st.PasswordHash)
		if err != nil {
			return err
		}
		now := s.now()
		evs, derr := account.Decide(st, account.ChangePassword{CurrentOK: ok, NewHash: newHash,
			RevokeOtherSessions: revokeOthers, At: now})
		changes := []change{{Stream: account.Stream(st.ID), Expected: eventstore.Exactly(v), Events: evs}}
		if derr == nil && revokeOthers {
			more, tok, err := s.rotateSessions(c, a, now)
			if err != nil {
				return err
			}
			changes, token = append(changes, more...), tok
		}
		if _, err := s.commit(c, s.meta(c, a.user.ID, now), a.user.ID, changes...); err != nil {
			return err
		}
		return derr
	})
	return token, err
}

// rotateSessions revokes every session of the person and opens a new one.
func (s *Server) rotateSessions(c echo.Context, a authed, now time.Time) ([]change, string, error) {
	return s.reissue(c, a.user.ID, session.ReasonPasswordChanged, s.index.Sessions(a.user.ID), true, now)
}

// reissue revokes targets (with reason) and opens a fresh session for the
// person: the changes to append with the command, and the new token.
func (s *Server) reissue(c echo.Context, personID, reason string, targets []sessionindex.Session, remember bool, now time.Time) ([]change, string, error) {
	changes, err := s.revokeChanges(c, reason, targets)
	if err != nil {
		return nil, "", err
	}
	ids, err := s.newIDs(1)
	if err != nil {
		return nil, "", err
	}
	token, err := token.NewSession(s.cfg.Rand)
	if err != nil {
		return nil, "", err
	}
	sEvs, err := s.newSession(c, ids[0], personID, token, remember, now)
	if err != nil {
		return nil, "", err
	}
	return append(changes, change{Stream: domain.SessionStream(ids[0]), Expected: eventstore.NoStream, Events: sEvs}), token, nil
}

// checkPasswordMax rejects over-long passwords before any hashing.
func (s *Server) checkPasswordMax(pw string) error {
	maxBytes, maxLen := s.cfg.PasswordPolicy.MaxBytes, s.cfg.PasswordPolicy.MaxLength
	if maxBytes == 0 {
		maxBytes = 1024
	}
	if maxLen == 0 {
		maxLen = 128
	}
	if len(pw) > maxBytes || utf8.RuneCountInString(pw) > maxLen {
		return domain.ErrPasswordTooLong
	}
	return nil
}
