package httpapi

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// resetLinkRedirect is the emailed link: it sends the browser to
// callbackURL?token=… when the token is pending and unexpired, otherwise
// to callbackURL?error=INVALID_TOKEN. It consumes nothing.
func (s *Server) resetLinkRedirect(c echo.Context) error {
	cb := c.QueryParam("callbackURL")
	if cb == "" {
		return domain.Errorf(domain.CodeValidation, "callbackURL is required")
	}
	if err := s.origins.CheckCallbackURL(cb); err != nil {
		return err
	}
	token := c.Param("token")
	param, value := "token", token
	if _, _, err := s.pendingReset(c, token); err != nil {
		if !errors.Is(err, account.ErrInvalidToken) {
			return err
		}
		param, value = "error", string(account.CodeInvalidToken)
	}
	return c.Redirect(http.StatusFound, s.withParam(cb, param, value))
}

// withParam resolves a relative callback against the base URL and adds
// one query parameter.
func (s *Server) withParam(cb, key, value string) string {
	u, err := url.Parse(cb)
	if err != nil {
		u = &url.URL{Path: "/"}
	}
	if !u.IsAbs() {
		if base, err := url.Parse(s.cfg.BaseURL); err == nil {
			u.Scheme, u.Host = base.Scheme, base.Host
		}
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

type resetPasswordBody struct {
	NewPassword *string `json:"newPassword"`
	Token       *string `json:"token"`
}

// resetPassword sets a new password with a pending token, consumes the
// token, revokes every session of the person and opens none.
func (s *Server) resetPassword(c echo.Context) error {
	var b resetPasswordBody
	if err := decode(c, &b); err != nil {
		return err
	}
	if err := requireStrings(map[string]*string{"newPassword": b.NewPassword, "token": b.Token}); err != nil {
		return err
	}
	if err := s.checkPasswordMax(*b.NewPassword); err != nil {
		return err
	}
	st, stream, err := s.pendingReset(c, *b.Token)
	if err != nil {
		return err
	}
	u, _ := s.index.User(st.PersonID)
	if err := s.cfg.PasswordPolicy.Check(*b.NewPassword, email.LocalPart(u.Email), u.Name); err != nil {
		return err
	}
	newHash, err := s.cfg.Hasher.Hash(c.Request().Context(), *b.NewPassword)
	if err != nil {
		return err
	}
	if err := s.applyReset(c, st.PersonID, stream, account.HashResetToken(*b.Token), newHash); err != nil {
		return err
	}
	return ok200(c, map[string]bool{"status": true})
}

// applyReset appends PasswordReset, releases the token's claim and revokes
// every session, atomically.
func (s *Server) applyReset(c echo.Context, personID, stream, hash, newHash string) error {
	ctx := c.Request().Context()
	return s.retry(func() error {
		st, v, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, account.NewDecider(), stream)
		if err != nil {
			return err
		}
		now := s.now()
		evs, err := account.Decide(st, account.ResetPassword{TokenHash: hash, Purpose: account.PurposePasswordReset,
			NewHash: newHash, At: now})
		if err != nil {
			return err
		}
		revokes, err := s.revokeChanges(c, session.ReasonPasswordChanged, s.index.Sessions(personID))
		if err != nil {
			return err
		}
		ch := change{Stream: stream, Expected: eventstore.Exactly(v), Events: evs,
			Releases: []eventstore.Claim{s.claim(resetClaimKind, hash, stream)}}
		_, err = s.commit(c, s.meta(c, personID, now), personID, append([]change{ch}, revokes...)...)
		return err
	})
}

// pendingReset resolves a token to its account when it is the pending,
// unexpired reset token of that account; anything else is ErrInvalidToken.
func (s *Server) pendingReset(c echo.Context, token string) (account.State, string, error) {
	if token == "" || len(token) > 256 {
		return account.State{}, "", account.ErrInvalidToken
	}
	ctx := c.Request().Context()
	hash := account.HashResetToken(token)
	cl := s.claim(resetClaimKind, hash, "")
	stream, err := s.cfg.Store.LookupClaim(ctx, cl.Kind, cl.Key)
	if errors.Is(err, eventstore.ErrClaimNotFound) || err == nil && !strings.HasPrefix(stream, "account-") {
		return account.State{}, "", account.ErrInvalidToken
	}
	if err != nil {
		return account.State{}, "", err
	}
	st, _, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, account.NewDecider(), stream)
	if err != nil {
		return account.State{}, "", err
	}
	if st.ResetTokenHash != hash || st.ResetPurpose != account.PurposePasswordReset || !s.now().Before(st.ResetExpiresAt) {
		return account.State{}, "", account.ErrInvalidToken
	}
	return st, stream, nil
}
