package httpapi

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

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

type signUpBody struct {
	Name        *string `json:"name"`
	Email       *string `json:"email"`
	Password    *string `json:"password"`
	Image       *string `json:"image,omitempty"`
	CallbackURL *string `json:"callbackURL,omitempty"`
	RememberMe  *bool   `json:"rememberMe,omitempty"`
}

// signUpEmail creates a person, its credential account and a first session
// in one atomic append that also claims the canonical email.
func (s *Server) signUpEmail(c echo.Context) error {
	var b signUpBody
	extra, err := s.decodeWithFields(c, &b)
	if err != nil {
		return err
	}
	if err := requireStrings(map[string]*string{"name": b.Name, "email": b.Email, "password": b.Password}); err != nil {
		return err
	}
	if err := s.checkCallback(b.CallbackURL); err != nil {
		return err
	}
	addr, err := email.Canonicalize(*b.Email)
	if err != nil {
		return domain.Errorf(domain.CodeValidation, "[body.email] Invalid email address")
	}
	if err := validName(*b.Name); err != nil {
		return err
	}
	if err := s.cfg.PasswordPolicy.Check(*b.Password, email.LocalPart(addr), *b.Name); err != nil {
		return err
	}
	fields, err := s.fields.ForCreate(extra)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	emailClaim := s.claim("email", addr, "")
	if _, err := s.cfg.Store.LookupClaim(ctx, emailClaim.Kind, emailClaim.Key); err == nil {
		return domain.ErrUserAlreadyExists
	} else if !errors.Is(err, eventstore.ErrClaimNotFound) {
		return err
	}
	hash, err := s.cfg.Hasher.Hash(ctx, *b.Password)
	if err != nil {
		return err
	}
	return s.createPerson(c, addr, b, fields, hash)
}

// createPerson decides and appends the sign-up, then signs the person in.
func (s *Server) createPerson(c echo.Context, addr string, b signUpBody, fields map[string]any, hash string) error {
	ids, err := s.newIDs(3)
	if err != nil {
		return err
	}
	personID, accountID, sessionID := ids[0], ids[1], ids[2]
	token, err := token.NewSession(s.cfg.Rand)
	if err != nil {
		return err
	}
	role, _ := fields["role"].(string)
	fieldJSON, err := person.EncodeFields(withoutRole(fields))
	if err != nil {
		return err
	}
	now := s.now()
	pEvs, err := person.Decide(person.State{}, person.SignUp{PersonID: personID, Email: addr,
		Name: strings.TrimSpace(*b.Name), Image: deref(b.Image), Role: role, Fields: fieldJSON,
		CredentialAccountID: accountID, At: now})
	if err != nil {
		return err
	}
	aEvs, err := account.Decide(account.State{}, account.Create{AccountID: accountID, PersonID: personID,
		ProviderID: account.ProviderCredential, PasswordHash: hash, At: now})
	if err != nil {
		return err
	}
	remember := b.RememberMe == nil || *b.RememberMe
	sEvs, err := s.newSession(c, sessionID, personID, token, remember, now)
	if err != nil {
		return err
	}
	if err := s.cfg.Keys.Ensure(c.Request().Context(), personID); err != nil {
		return err
	}
	stream := domain.PersonStream(personID)
	_, err = s.commit(c, s.meta(c, personID, now), personID,
		change{Stream: stream, Expected: eventstore.NoStream, Events: pEvs,
			Claims: []eventstore.Claim{s.claim("email", addr, stream)}},
		change{Stream: account.Stream(accountID), Expected: eventstore.NoStream, Events: aEvs},
		change{Stream: domain.SessionStream(sessionID), Expected: eventstore.NoStream, Events: sEvs})
	if errors.Is(err, eventstore.ErrClaimTaken) {
		return domain.ErrUserAlreadyExists
	}
	if err != nil {
		return err
	}
	return s.respondSignedIn(c, token, personID, remember, nil)
}

// newSession decides a session.created for a fresh token.
func (s *Server) newSession(c echo.Context, sessionID, personID, token string, remember bool, at time.Time) ([]domain.Event, error) {
	expiresIn := s.cfg.SessionExpiresIn
	if !remember {
		expiresIn = dontRememberLifetime
	}
	h := sessionindex.HashToken(token)
	return session.Decide(session.State{}, session.Create{SessionID: sessionID, PersonID: personID,
		TokenHash: hexString(h[:]), ExpiresIn: expiresIn, RememberMe: remember, IP: s.clientIP(c),
		UserAgent: truncate(c.Request().UserAgent(), 512), At: at})
}

// respondSignedIn sets the cookies and answers {token, user} (plus the
// fields of extra, e.g. redirect for sign-in).
func (s *Server) respondSignedIn(c echo.Context, token, personID string, remember bool, extra map[string]any) error {
	u, ok := s.index.User(personID)
	if !ok {
		return domain.ErrUnavailable
	}
	s.setSessionCookies(c, token, remember)
	if extra == nil {
		return ok200(c, struct {
			Token string        `json:"token"`
			User  wire.UserJSON `json:"user"`
		}{token, wire.ToUser(u)})
	}
	return ok200(c, struct {
		Redirect bool          `json:"redirect"`
		URL      *string       `json:"url,omitempty"`
		Token    string        `json:"token"`
		User     wire.UserJSON `json:"user"`
	}{extra["redirect"].(bool), optString(extra["url"]), token, wire.ToUser(u)})
}

// decodeWithFields decodes the body strictly; keys that are not struct
// fields are returned when they name an additional user field (or "email"
// on update, which the handler refuses with its own code).
func (s *Server) decodeWithFields(c echo.Context, dst any) (map[string]any, error) {
	raw, err := decodeExtra(c, dst, func(key string) bool { return hasField(s.fields, key) || key == "email" })
	if err != nil {
		return nil, err
	}
	out := make(map[string]any, len(raw))
	for k, v := range raw {
		var val any
		if err := json.Unmarshal(v, &val); err != nil {
			return nil, domain.Errorf(domain.CodeBadRequest, "Invalid JSON in request body")
		}
		out[k] = val
	}
	return out, nil
}

func withoutRole(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if k != "role" {
			out[k] = v
		}
	}
	return out
}
