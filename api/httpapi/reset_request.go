package httpapi

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
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

// requestPasswordReset answers the same for known and unknown emails:
// status, body and headers, and timing: after validating the input it
// answers at once and does the lookup, the append and the mail in the
// background, so no X-Consistency-Token and no extra latency tell a known
// address from an unknown one. Mail goes only to the stored address of a
// credential account.
//
// At most maxPendingResets requests are worked on at once; beyond that a
// request still gets the same answer but is dropped (and logged), so a
// flood from rotating addresses cannot pile up goroutines.
func (s *Server) requestPasswordReset() echo.HandlerFunc {
	slots := make(chan struct{}, maxPendingResets)
	return func(c echo.Context) error { return s.handleResetRequest(c, slots) }
}

// maxPendingResets bounds the background work of reset requests.
const maxPendingResets = 64

func (s *Server) handleResetRequest(c echo.Context, slots chan struct{}) error {
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
	meta, redirectTo := s.meta(c, "", s.now()), deref(b.RedirectTo)
	select {
	case slots <- struct{}{}:
	default:
		s.cfg.Logger.Warn("password reset request dropped: too many pending", "request_id", meta.RequestID)
		return ok200(c, resetAnswer{Status: true, Message: resetMessage})
	}
	go func() {
		defer func() { <-slots }()
		ctx, cancel := context.WithTimeout(context.Background(), s.cfg.Reset.sendTimeout())
		defer cancel()
		if err := s.issueResetLink(ctx, meta, addr, redirectTo); err != nil {
			s.cfg.Logger.Error("password reset request failed", "request_id", meta.RequestID, "err", err)
		}
	}()
	return ok200(c, resetAnswer{Status: true, Message: resetMessage})
}

// issueResetLink records a new token for the account of addr, if any, and
// sends its link.
func (s *Server) issueResetLink(ctx context.Context, meta domain.Metadata, addr, redirectTo string) error {
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
	meta.Actor = personID
	if err := s.recordResetRequest(ctx, meta, p.CredentialAccountID, token); err != nil {
		return err
	}
	return s.deliverReset(ctx, personID, p.Email, s.resetLink(token, redirectTo))
}

// recordResetRequest appends the token's hash and claims it, releasing
// the claim of the token it supersedes. Nothing reads this write back, so
// it appends without waiting for the index.
func (s *Server) recordResetRequest(ctx context.Context, meta domain.Metadata, accountID, token string) error {
	hash, stream := account.HashResetToken(token), account.Stream(accountID)
	return s.retry(func() error {
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
		ch := change{Stream: stream, Expected: eventstore.Exactly(v), Events: evs,
			Claims: []eventstore.Claim{s.claim(resetClaimKind, hash, stream)}}
		if st.ResetTokenHash != "" {
			ch.Releases = []eventstore.Claim{s.claim(resetClaimKind, st.ResetTokenHash, stream)}
		}
		meta.OccurredAt = now
		_, err = s.app.Commit(ctx, meta, meta.Actor, ch)
		return err
	})
}

// resetLink is built from the configured base URL only, never from Host
// or X-Forwarded-Host.
func (s *Server) resetLink(token, redirectTo string) string {
	return strings.TrimRight(s.cfg.BaseURL, "/") + "/api/auth/reset-password/" + url.PathEscape(token) +
		"?callbackURL=" + url.QueryEscape(redirectTo)
}

// deliverReset sends the link. Logs name the person, never the address,
// the token or the link.
func (s *Server) deliverReset(ctx context.Context, personID, to, link string) error {
	if s.cfg.Reset.Mailer == nil {
		s.cfg.Logger.Warn("password reset link undeliverable: no mail configured", "person", personID)
		return nil
	}
	m := mail.Message{To: to, Subject: s.cfg.Reset.subject(), Text: "Reset your password with this link " +
		"(valid for " + s.cfg.Reset.ttl().String() + ", usable once):\n\n" + link +
		"\n\nIf you did not ask for this, ignore this email.\n"}
	if err := s.cfg.Reset.Mailer.Send(ctx, m); err != nil {
		return fmt.Errorf("password reset email for person %s: %w", personID, err)
	}
	return nil
}

// newResetToken returns 24 random bytes, base64url (32 characters).
func newResetToken(r io.Reader) (string, error) {
	b := make([]byte, 24)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
