package httpapi

import (
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// passkeyIDBody is the body of delete-passkey; update-passkey adds name.
type passkeyIDBody struct {
	ID   *string `json:"id"`
	Name *string `json:"name,omitempty"`
}

// listPasskeys answers the caller's passkeys in registration order.
func (s *Server) listPasskeys(c echo.Context) error {
	a, err := s.requireSession(c)
	if err != nil {
		return err
	}
	st, _, err := s.loadPasskeys(c, a.user.ID)
	if err != nil {
		return err
	}
	out := make([]passkeyJSON, 0, len(st.Passkeys))
	for _, p := range st.Passkeys {
		out = append(out, toPasskey(a.user.ID, p))
	}
	return ok200(c, out)
}

// updatePasskey renames one of the caller's passkeys; another person's
// passkey is indistinguishable from an unknown one.
func (s *Server) updatePasskey(c echo.Context) error {
	a, err := s.requireSession(c)
	if err != nil {
		return err
	}
	var b passkeyIDBody
	if err := decode(c, &b); err != nil {
		return err
	}
	if err := requirePasskeyID(b.ID); err != nil {
		return err
	}
	if err := requireStrings(map[string]*string{"name": b.Name}); err != nil {
		return err
	}
	err = runOn(c, s, authenticator.NewDecider(), authenticator.Stream(a.user.ID), a.user.ID, a.user.ID,
		func(authenticator.State) authenticator.Command {
			return authenticator.Rename{PasskeyID: *b.ID, Name: *b.Name, At: s.now()}
		})
	if err != nil {
		return err
	}
	st, _, err := s.loadPasskeys(c, a.user.ID)
	if err != nil {
		return err
	}
	p, ok := st.Find(*b.ID)
	if !ok {
		return authenticator.ErrNotFound
	}
	return ok200(c, map[string]passkeyJSON{"passkey": toPasskey(a.user.ID, p)})
}

// deletePasskey removes one of the caller's passkeys on a fresh session
// (signed in within freshAge, as for disabling two-factor) and releases
// its credential id.
func (s *Server) deletePasskey(c echo.Context) error {
	a, err := s.requireSession(c)
	if err != nil {
		return err
	}
	var b passkeyIDBody
	if err := decode(c, &b); err != nil {
		return err
	}
	if err := requirePasskeyID(b.ID); err != nil {
		return err
	}
	if b.Name != nil {
		return domain.Errorf(domain.CodeValidation, "[body.name] Unknown field")
	}
	if s.now().Sub(a.session.CreatedAt) > s.cfg.TwoFactor.FreshAge {
		return errSessionNotFresh
	}
	stream := authenticator.Stream(a.user.ID)
	err = s.retry(func() error {
		now := s.now()
		st, ch, derr := decideOn(c, s, authenticator.NewDecider(), stream, func(authenticator.State) authenticator.Command {
			return authenticator.Delete{PasskeyID: *b.ID, At: now}
		})
		if derr != nil {
			return derr
		}
		p, _ := st.Find(*b.ID)
		ch.Releases = []eventstore.Claim{s.claim(claimPasskeyCredential, p.CredentialID, stream)}
		_, err := s.commit(c, s.meta(c, a.user.ID, now), a.user.ID, ch)
		return err
	})
	if err != nil {
		return err
	}
	return ok200(c, map[string]bool{"status": true})
}

// requirePasskeyID refuses a missing id with Better Auth's message.
func requirePasskeyID(id *string) error {
	if id == nil {
		return domain.Errorf(domain.CodeValidation, "[body.id] Invalid input: expected string, received undefined")
	}
	return nil
}
