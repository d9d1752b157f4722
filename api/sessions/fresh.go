package sessions

import "github.com/authledger/authledger/domain"

// CodeSessionNotFresh answers a sensitive action (disabling two-factor,
// deleting a passkey) on a session signed in longer than FreshAge ago.
const CodeSessionNotFresh domain.Code = "SESSION_NOT_FRESH"

// ErrSessionNotFresh asks the caller to sign in again first.
var ErrSessionNotFresh = domain.Errorf(CodeSessionNotFresh, "Session is not fresh")

// Fresh refuses (ErrSessionNotFresh) a session opened longer than
// FreshAge ago: sensitive actions ask the person to sign in again first.
func (s *Service) Fresh(a Authed) error {
	if s.app.Now().Sub(a.Session.CreatedAt) > s.cfg.FreshAge {
		return ErrSessionNotFresh
	}
	return nil
}
