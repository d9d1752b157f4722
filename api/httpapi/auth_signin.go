package httpapi

import (
	"errors"
	"strings"

	"github.com/authledger/authledger/api/token"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

type signInBody struct {
	Email       *string `json:"email"`
	Password    *string `json:"password"`
	CallbackURL *string `json:"callbackURL,omitempty"`
	RememberMe  *bool   `json:"rememberMe,omitempty"`
}

// signInEmail checks a password against the credential account (decided
// from the account stream, never a projection) and opens a session. Unknown
// emails hash a dummy so both failures look and take the same.
func (s *Server) signInEmail(c echo.Context) error {
	var b signInBody
	if err := decode(c, &b); err != nil {
		return err
	}
	if err := requireStrings(map[string]*string{"email": b.Email, "password": b.Password}); err != nil {
		return err
	}
	if err := s.checkCallback(b.CallbackURL); err != nil {
		return err
	}
	if err := s.checkPasswordMax(*b.Password); err != nil {
		return err
	}
	ctx := c.Request().Context()
	addr, err := email.Canonicalize(*b.Email)
	if err != nil {
		return domain.Errorf(domain.CodeInvalidEmail, "Invalid email")
	}
	cl := s.claim("email", addr, "")
	owner, err := s.cfg.Store.LookupClaim(ctx, cl.Kind, cl.Key)
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		if err := s.cfg.Hasher.VerifyDummy(ctx, *b.Password); err != nil {
			return err
		}
		return domain.ErrInvalidCredentials
	}
	if err != nil {
		return err
	}
	personID := strings.TrimPrefix(owner, domain.PersonStreamPrefix)
	remember := b.RememberMe == nil || *b.RememberMe
	token, ch, err := s.passwordSignIn(c, personID, *b.Password, remember)
	if err != nil {
		return err
	}
	if ch.id != "" {
		return s.setChallengeCookie(c, ch)
	}
	extra := map[string]any{"redirect": b.CallbackURL != nil, "url": deref(b.CallbackURL)}
	return s.respondSignedIn(c, token, personID, remember, extra)
}

// passwordSignIn verifies the password and appends the outcome: a failure
// is an audit event (and counts toward the account lockout); a success
// opens a session and, when the hash parameters changed, rehashes. With
// two-factor on (and no trusted-device cookie) a right password opens no
// session: it returns the pending challenge instead.
func (s *Server) passwordSignIn(c echo.Context, personID, password string, remember bool) (string, challenge, error) {
	ctx := c.Request().Context()
	p, _, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, person.NewDecider(), domain.PersonStream(personID))
	if err != nil {
		return "", challenge{}, err
	}
	if !p.Exists || p.CredentialAccountID == "" {
		return "", challenge{}, s.dummyFail(c, password)
	}
	tf, _, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, twofactor.NewDecider(), twofactor.Stream(personID))
	if err != nil {
		return "", challenge{}, err
	}
	ids, err := s.newIDs(2)
	if err != nil {
		return "", challenge{}, err
	}
	token, err := token.NewSession(s.cfg.Rand)
	if err != nil {
		return "", challenge{}, err
	}
	var ch challenge
	verified := false
	var ok bool
	var rehash string
	err = s.retry(func() error {
		st, v, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, account.NewDecider(), account.Stream(p.CredentialAccountID))
		if err != nil {
			return err
		}
		if !verified {
			if ok, rehash, err = s.verify(c, st, password); err != nil {
				return err
			}
			verified = true
		}
		chk := signInCheck{ok: ok, rehash: rehash, banned: p.Banned}
		if tf.Enabled && !s.trusted(c, personID, tf, st.PasswordAt) {
			ch = challenge{personID: personID, id: ids[1], expires: s.now().Add(s.cfg.TwoFactor.challengeAge()), remember: remember}
			chk.challenge = ch.id
		}
		return s.recordSignIn(c, st, v, chk, ids[0], token, remember)
	})
	return token, ch, err
}

// verify checks the password unless the account is locked (then a dummy
// hash keeps the timing). It returns a rehash under current parameters
// when the stored one is outdated; a failed rehash never fails the login.
func (s *Server) verify(c echo.Context, st account.State, password string) (bool, string, error) {
	ctx := c.Request().Context()
	if locked, _ := s.cfg.Lockout.Locked(st, s.cfg.Now()); locked || st.PasswordHash == "" {
		return false, "", s.cfg.Hasher.VerifyDummy(ctx, password)
	}
	ok, needsRehash, err := s.cfg.Hasher.Verify(ctx, password, st.PasswordHash)
	if err != nil || !ok || !needsRehash {
		return ok, "", err
	}
	h, err := s.cfg.Hasher.Hash(ctx, password)
	if err != nil {
		s.cfg.Logger.Warn("password rehash failed", "account", st.ID, "err", err)
		return true, "", nil
	}
	return true, h, nil
}

// recordSignIn decides and appends the sign-in outcome.
func (s *Server) recordSignIn(c echo.Context, st account.State, v uint64, chk signInCheck, sessionID, token string, remember bool) error {
	now := s.now()
	evs, derr := account.Decide(st, account.RecordSignIn{PasswordOK: chk.ok, SessionID: sessionID, Rehash: chk.rehash,
		Banned: chk.banned, Lockout: s.cfg.Lockout, ChallengeID: chk.challenge, At: now})
	changes := []change{{Stream: account.Stream(st.ID), Expected: eventstore.Exactly(v), Events: evs}}
	if derr == nil && chk.challenge == "" {
		sEvs, err := s.newSession(c, sessionID, st.PersonID, token, remember, now)
		if err != nil {
			return err
		}
		changes = append(changes, change{Stream: domain.SessionStream(sessionID), Expected: eventstore.NoStream, Events: sEvs})
	}
	if _, err := s.commit(c, s.meta(c, st.PersonID, now), st.PersonID, changes...); err != nil {
		return err
	}
	return derr
}

// signInCheck is the outcome of the impure checks before the decider runs.
type signInCheck struct {
	ok     bool
	rehash string
	banned bool
	// challenge is set when a second factor must follow (no session yet).
	challenge string
}

// dummyFail hashes a dummy and answers the generic credential error.
func (s *Server) dummyFail(c echo.Context, password string) error {
	if err := s.cfg.Hasher.VerifyDummy(c.Request().Context(), password); err != nil {
		return err
	}
	return domain.ErrInvalidCredentials
}
