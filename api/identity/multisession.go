package identity

import (
	"context"
	"crypto/subtle"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/session"
)

// CodeInvalidSessionToken is the multi-session plugin's code for a session
// the device does not hold, or that is no longer live.
const CodeInvalidSessionToken domain.Code = "INVALID_SESSION_TOKEN"

// ErrInvalidSessionToken answers every unusable device session alike.
var ErrInvalidSessionToken = domain.Errorf(CodeInvalidSessionToken, "Invalid session token")

// SetActiveDeviceSession resolves a session the device holds (its token
// comes from the device's signed multi-session cookie) so that it can
// become the device's active session. Switching changes nothing on the
// server, so nothing is appended, except session.expired when the session
// has just expired. caller is asked only then.
func (s *Service) SetActiveDeviceSession(ctx context.Context, token string, caller func() app.Caller) (sessions.Authed, error) {
	a, found, expired := s.sessions.Lookup(token)
	if expired {
		s.sessions.Expire(ctx, caller(), a)
	}
	if !found || expired {
		return sessions.Authed{}, ErrInvalidSessionToken
	}
	return a, nil
}

// RevokeDeviceSessionInput revokes Target, a session the device holds
// (from its signed multi-session cookie), possibly another person's signed
// in on the same device. Device lists the tokens of every multi-session
// cookie of the device, in cookie order.
type RevokeDeviceSessionInput struct {
	SessionInput
	Target string
	Device []string
}

// DeviceRevoked tells the transport what became of the device's active
// session: unchanged (WasActive false), replaced by Next (Found), or gone.
type DeviceRevoked struct {
	WasActive bool
	Next      sessions.Authed
	Found     bool
}

// RevokeDeviceSession revokes the target session (session.revoked,
// device_revoked; an unknown or already revoked one appends nothing, as
// Better Auth answers success either way). When it was the caller's
// active session, the first other live session of the device takes over.
func (s *Service) RevokeDeviceSession(ctx context.Context, in RevokeDeviceSessionInput) (DeviceRevoked, error) {
	if t, found, _ := s.sessions.Lookup(in.Target); found {
		err := s.sessions.Revoke(ctx, in.Caller, in.Session.User.ID, t.User.ID, session.ReasonDeviceRevoked, t.Session)
		if err != nil {
			return DeviceRevoked{}, err
		}
	}
	if in.Target != in.Session.Token {
		return DeviceRevoked{}, nil
	}
	for _, tok := range in.Device {
		if tok == in.Target {
			continue
		}
		if a, found, expired := s.sessions.Lookup(tok); found && !expired {
			return DeviceRevoked{WasActive: true, Next: a, Found: true}, nil
		}
	}
	return DeviceRevoked{WasActive: true}, nil
}

// DeviceSessionToken returns the token, among device (the tokens of the
// device's verified multi-session cookies), of the session whose handle
// (its id, what list-device-sessions shows instead of a live token) is
// handle. A session the device does not hold has no token here, whatever
// handle is named. Expired sessions are found too, so that the caller can
// record their expiry and expire their cookie.
func (s *Service) DeviceSessionToken(device []string, handle string) (string, bool) {
	if handle == "" {
		return "", false
	}
	for _, tok := range device {
		if a, found, _ := s.sessions.Lookup(tok); found && subtle.ConstantTimeCompare([]byte(a.Session.ID), []byte(handle)) == 1 {
			return tok, true
		}
	}
	return "", false
}
