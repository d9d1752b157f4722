package api

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/url"
	"strings"

	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// resetAnswer keeps Better Auth's key order: status, then message.
type resetAnswer struct {
	Status  bool   `json:"status"`
	Message string `json:"message"`
}

type resetRequestBody struct {
	Email      *string `json:"email"`
	RedirectTo *string `json:"redirectTo,omitempty"`
}

// requestPasswordReset answers the same for known and unknown emails
// (status, body and headers: no X-Consistency-Token on either path) and
// mails a link only to the stored address of a credential account.
func (s *Server) requestPasswordReset(c echo.Context) error {
	var b resetRequestBody
	if err := decode(c, &b); err != nil {
		return err
	}
	if err := requireStrings(map[string]*string{"email": b.Email}); err != nil {
		return err
	}
	if err := s.origins.CheckURL("redirectTo", deref(b.RedirectTo)); err != nil {
		return err
	}
	addr, err := email.Canonicalize(*b.Email)
	if err != nil {
		return domain.Errorf(domain.CodeInvalidEmail, "Invalid email")
	}
	// A position already set makes commit skip X-Consistency-Token, so
	// the known-email path sends exactly the headers of the unknown one.
	c.Set(ctxPosition, eventstore.Position{})
	if err := s.issueResetLink(c, addr, deref(b.RedirectTo)); err != nil {
		return err
	}
	return ok200(c, resetAnswer{Status: true, Message: resetMessage})
}

// issueResetLink records a new token for the account of addr, if any, and
// sends its link in the background.
func (s *Server) issueResetLink(c echo.Context, addr, redirectTo string) error {
	ctx := c.Request().Context()
	cl := s.claim("email", addr, "")
	owner, err := s.cfg.Store.LookupClaim(ctx, cl.Kind, cl.Key)
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	personID := strings.TrimPrefix(owner, domain.PersonStreamPrefix)
	p, _, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, person.NewDecider(), owner)
	if err != nil || p.CredentialAccountID == "" {
		return err
	}
	token, err := newResetToken(s.cfg.Rand)
	if err != nil {
		return err
	}
	if err := s.recordResetRequest(c, personID, p.CredentialAccountID, token); err != nil {
		return err
	}
	s.deliverReset(personID, p.Email, s.resetLink(token, redirectTo))
	return nil
}

// recordResetRequest appends the token's hash and claims it, releasing
// the claim of the token it supersedes.
func (s *Server) recordResetRequest(c echo.Context, personID, accountID, token string) error {
	ctx := c.Request().Context()
	hash, stream := account.HashResetToken(token), account.Stream(accountID)
	return retry(func() error {
		st, v, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, account.NewDecider(), stream)
		if err != nil {
			return err
		}
		now := s.now()
		evs, err := account.Decide(st, account.RequestPasswordReset{TokenHash: hash,
			Purpose: account.PurposePasswordReset, ExpiresAt: now.Add(s.cfg.Reset.ttl()), At: now})
		if err != nil {
			return err
		}
		ch := change{stream: stream, expected: eventstore.Exactly(v), events: evs,
			claims: []eventstore.Claim{s.claim(resetClaimKind, hash, stream)}}
		if st.ResetTokenHash != "" {
			ch.releases = []eventstore.Claim{s.claim(resetClaimKind, st.ResetTokenHash, stream)}
		}
		_, err = s.commit(c, s.meta(c, personID, now), personID, ch)
		return err
	})
}

// resetLink is built from the configured base URL only, never from Host
// or X-Forwarded-Host.
func (s *Server) resetLink(token, redirectTo string) string {
	return strings.TrimRight(s.cfg.BaseURL, "/") + "/api/auth/reset-password/" + url.PathEscape(token) +
		"?callbackURL=" + url.QueryEscape(redirectTo)
}

// deliverReset sends the link after the answer, with its own deadline.
// Logs name the person, never the address, the token or the link.
func (s *Server) deliverReset(personID, to, link string) {
	if s.cfg.Reset.Mailer == nil {
		s.cfg.Logger.Warn("password reset link undeliverable: no mail configured", "person", personID)
		return
	}
	m := mail.Message{To: to, Subject: s.cfg.Reset.subject(), Text: "Reset your password with this link " +
		"(valid for " + s.cfg.Reset.ttl().String() + ", usable once):\n\n" + link +
		"\n\nIf you did not ask for this, ignore this email.\n"}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), s.cfg.Reset.sendTimeout())
		defer cancel()
		if err := s.cfg.Reset.Mailer.Send(ctx, m); err != nil {
			s.cfg.Logger.Error("password reset email failed", "person", personID, "err", err)
		}
	}()
}

// newResetToken returns 24 random bytes, base64url (32 characters).
func newResetToken(r io.Reader) (string, error) {
	b := make([]byte, 24)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
