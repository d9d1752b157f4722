package httpapi

import (
	"errors"
	"time"

	"github.com/authledger/authledger/api/token"

	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/totp"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// codeBody is the body of verify-totp and verify-backup-code.
type codeBody struct {
	Code           *string `json:"code"`
	TrustDevice    *bool   `json:"trustDevice,omitempty"`
	DisableSession *bool   `json:"disableSession,omitempty"`
}

// maxCodeLength bounds a submitted code before any work is done.
const maxCodeLength = 64

// verifyTOTP checks a TOTP code: with a session it completes an enrolment
// (or just checks the code); with the two_factor cookie it completes a
// sign-in.
func (s *Server) verifyTOTP(c echo.Context) error {
	return s.verifySecondFactor(c, twofactor.MethodTOTP)
}

// verifyBackupCode checks a backup code, which then stops working.
func (s *Server) verifyBackupCode(c echo.Context) error {
	return s.verifySecondFactor(c, twofactor.MethodBackupCode)
}

func (s *Server) verifySecondFactor(c echo.Context, method string) error {
	var b codeBody
	if err := decode(c, &b); err != nil {
		return err
	}
	if b.Code == nil {
		return domain.Errorf(domain.CodeValidation, "[body.code] Invalid input: expected string, received undefined")
	}
	code, trustDevice := *b.Code, b.TrustDevice != nil && *b.TrustDevice
	if len(code) > maxCodeLength {
		code = ""
	}
	if token, ok := s.requestToken(c.Request()); ok {
		if a, found, expired := s.lookup(token); found && !expired {
			return s.verifyWithSession(c, a, method, code)
		}
	}
	ch, ok := s.readChallenge(c)
	if !ok {
		return twofactor.ErrInvalidChallenge
	}
	return s.verifySignIn(c, ch, method, code, trustDevice)
}

// verifyCommand builds the Verify command from the freshly loaded state:
// the TOTP code is matched against the secret the state says applies.
func (s *Server) verifyCommand(method, code string, withSession bool, challengeID, sessionID string, trustDevice bool,
	now time.Time) func(twofactor.State) twofactor.Command {
	return func(st twofactor.State) twofactor.Command {
		v := twofactor.Verify{Method: method, WithSession: withSession, ChallengeID: challengeID, SessionID: sessionID,
			TrustDevice: trustDevice, Lockout: s.cfg.TwoFactor.Lockout, At: now}
		if method == twofactor.MethodBackupCode {
			v.BackupCode = totp.HashBackupCode(code)
			return v
		}
		if key, err := totp.DecodeSecret(st.SecretFor(withSession)); err == nil {
			v.Step, v.Matched = totp.Match(key, code, now)
		}
		return v
	}
}

// verifyWithSession checks a code for a signed-in person. A first code of
// a pending secret enables two-factor and replaces the session (Better
// Auth sets a new session cookie here too).
func (s *Server) verifyWithSession(c echo.Context, a authed, method, code string) error {
	var token string
	err := retryCode(func() error {
		now := s.now()
		_, ch, derr := decideOn(c, s, twofactor.NewDecider(), twofactor.Stream(a.user.ID),
			s.verifyCommand(method, code, true, "", "", false, now))
		if derr != nil && len(ch.Events) == 0 {
			return derr
		}
		changes := []change{ch}
		if derr == nil && len(ch.Events) == 1 && ch.Events[0].EventType() == twofactor.TypeEnabled {
			more, tok, err := s.replaceSession(c, a, now)
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
	if err != nil {
		return err
	}
	if token == "" {
		token = a.token
	}
	return s.respondSignedIn(c, token, a.user.ID, !s.dontRemember(c), nil)
}

// verifySignIn completes a pending sign-in: an accepted code and a new
// session (a fresh token: nothing of the password step is reused) in one
// append; the stream's expected version makes a code work exactly once
// even when two requests race.
func (s *Server) verifySignIn(c echo.Context, pending challenge, method, code string, trustDevice bool) error {
	ids, err := s.newIDs(2)
	if err != nil {
		return err
	}
	token, err := token.NewSession(s.cfg.Rand)
	if err != nil {
		return err
	}
	var issued time.Time
	err = retryCode(func() error {
		now := s.now()
		_, ch, derr := decideOn(c, s, twofactor.NewDecider(), twofactor.Stream(pending.personID),
			s.verifyCommand(method, code, false, pending.id, ids[0], trustDevice, now))
		if derr != nil && len(ch.Events) == 0 {
			return derr
		}
		changes := []change{ch}
		if derr == nil {
			sEvs, err := s.newSession(c, ids[0], pending.personID, token, pending.remember, now)
			if err != nil {
				return err
			}
			changes = append(changes, change{Stream: domain.SessionStream(ids[0]), Expected: eventstore.NoStream, Events: sEvs})
		}
		if _, err := s.commit(c, s.meta(c, pending.personID, now), pending.personID, changes...); err != nil {
			return err
		}
		issued = now
		return derr
	})
	if err != nil {
		return err
	}
	c.Response().Header().Add("Set-Cookie", s.cookies.ExpireCookie(cookies.TwoFactor))
	if trustDevice {
		s.setTrustCookie(c, trust{personID: pending.personID, id: ids[1], issued: issued})
	}
	return s.respondSignedIn(c, token, pending.personID, pending.remember, nil)
}

// retryCode is retry with more attempts: every attempt at a code appends
// (a refusal is an event too) with the stream's expected version, so
// concurrent guesses are counted exactly; each round has a winner, so 16
// attempts settle 16 concurrent requests without a spurious 409.
func retryCode(fn func() error) error {
	var err error
	for range 16 {
		if err = fn(); !errors.Is(err, eventstore.ErrWrongExpectedVersion) {
			return err
		}
	}
	return domain.Errorf(domain.CodeConflict, "Concurrent update, please retry")
}
