package mfa

import (
	"context"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/domain/totp"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
)

// MaxCodeLength bounds a submitted code before any work is done: a longer
// one is checked as the empty code (and refused).
const MaxCodeLength = 64

// VerifyInput is a submitted second factor. With a live session (Token) it
// completes an enrolment or just checks the code; otherwise Challenge, the
// pending sign-in the transport carried, must be live and is completed.
type VerifyInput struct {
	Caller app.Caller
	// Method is twofactor.MethodTOTP, MethodBackupCode or MethodOTP (an
	// emailed code, which only completes a pending sign-in).
	Method string
	Code   string
	// Token is the request's session token ("" when none).
	Token string
	// DontRemember says the caller's session was opened with rememberMe
	// false (only meaningful with a session).
	DontRemember bool
	Challenge    Challenge
	// TrustDevice asks to trust this device after a completed sign-in.
	TrustDevice bool
}

// Verified is an accepted second factor: the session to answer with
// (a new one after an enrolment or a sign-in, else the caller's own), and
// the device to trust when the sign-in asked for it (zero otherwise).
type Verified struct {
	PersonID string
	Token    string
	Remember bool
	// SignedIn is true when a pending challenge was completed.
	SignedIn bool
	Trust    Device
}

// Verify checks a second factor for a signed-in person or completes a
// pending sign-in. Every attempt appends (a refusal is an event too) under
// the stream's expected version, so a code works exactly once and
// concurrent guesses are counted exactly.
func (s *Service) Verify(ctx context.Context, in VerifyInput) (Verified, error) {
	if len(in.Code) > MaxCodeLength {
		in.Code = ""
	}
	if in.Token != "" && in.Method != twofactor.MethodOTP {
		if a, found, expired := s.sessions.Lookup(in.Token); found && !expired {
			return s.verifyWithSession(ctx, in, a)
		}
	}
	if in.Challenge.PersonID == "" || !in.Challenge.Live(s.app.Now()) {
		return Verified{}, twofactor.ErrInvalidChallenge
	}
	return s.verifySignIn(ctx, in)
}

// verifyCommand builds the Verify command from the freshly loaded state:
// the TOTP code is matched against the secret the state says applies.
func (s *Service) verifyCommand(in VerifyInput, withSession bool, sessionID string, now time.Time) func(twofactor.State) twofactor.Command {
	return func(st twofactor.State) twofactor.Command {
		v := twofactor.Verify{Method: in.Method, WithSession: withSession, SessionID: sessionID,
			Lockout: s.cfg.Lockout, At: now}
		if !withSession {
			v.ChallengeID, v.TrustDevice = in.Challenge.ID, in.TrustDevice
		}
		switch in.Method {
		case twofactor.MethodBackupCode:
			v.BackupCode = totp.HashBackupCode(in.Code)
			return v
		case twofactor.MethodOTP:
			v.CodeHash = twofactor.HashOTP(in.Code)
			return v
		}
		if key, err := totp.DecodeSecret(st.SecretFor(withSession)); err == nil {
			v.Step, v.Matched = totp.Match(key, in.Code, now)
		}
		return v
	}
}

// verifyWithSession checks a code for a signed-in person. A first code of
// a pending secret enables two-factor and replaces the session (Better
// Auth sets a new session cookie here too).
func (s *Service) verifyWithSession(ctx context.Context, in VerifyInput, a sessions.Authed) (Verified, error) {
	out := Verified{PersonID: a.User.ID, Token: a.Token, Remember: !in.DontRemember}
	err := s.app.RetryCode(func() error {
		now := s.app.Now()
		_, ch, derr := s.decide(ctx, a.User.ID, s.verifyCommand(in, true, "", now))
		if derr != nil && len(ch.Events) == 0 {
			return derr
		}
		changes := []eventstore.Change{ch}
		if derr == nil && len(ch.Events) == 1 && ch.Events[0].EventType() == twofactor.TypeEnabled {
			more, o, err := s.sessions.Reissue(ctx, in.Caller, a.User.ID, session.ReasonRevoked, []sessionindex.Session{a.Session}, out.Remember, now)
			if err != nil {
				return err
			}
			changes, out.Token = append(changes, more...), o.Token
		}
		if _, err := s.app.Commit(ctx, in.Caller.Meta(a.User.ID, now), a.User.ID, changes...); err != nil {
			return err
		}
		return derr
	})
	if err != nil {
		return Verified{}, err
	}
	return out, nil
}
