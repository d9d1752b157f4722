package social

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/token"
	"github.com/authledger/authledger/domain/social"
	"github.com/authledger/authledger/eventstore"
)

// StartInput is a sign-in request: the provider and where the browser
// goes afterwards (already checked against the trusted origins).
type StartInput struct {
	Caller             app.Caller
	ProviderID         string
	CallbackURL        string
	ErrorCallbackURL   string
	NewUserCallbackURL string
	// LinkPersonID makes the flow link-social's for that person.
	LinkPersonID string
	// Scopes are asked for besides the provider's configured ones.
	Scopes []string
	// LoginHint is passed on to the provider (login_hint) when not empty.
	LoginHint string
}

// StartResult is the provider's authorization URL and the state the HTTP
// layer binds to the browser.
type StartResult struct {
	URL   string
	State string
}

// Start records a new flow (claiming its state, so it completes once) and
// returns the authorization URL with state, PKCE S256 challenge and nonce.
// The verifier and nonce are derived from the state with a server key, so
// nothing secret is stored.
func (s *Service) Start(ctx context.Context, in StartInput) (StartResult, error) {
	p, ok := s.provider(in.ProviderID)
	if !ok {
		return StartResult{}, ErrProviderNotFound
	}
	if err := checkAuthExtras(in.Scopes, in.LoginHint); err != nil {
		return StartResult{}, err
	}
	up, err := s.upstream(ctx, p)
	if err != nil {
		return StartResult{}, err
	}
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return StartResult{}, err
	}
	state, err := token.New(s.app.Rand)
	if err != nil {
		return StartResult{}, err
	}
	now, stream := s.app.Now(), social.Stream(ids[0])
	if in.CallbackURL == "" {
		in.CallbackURL = "/"
	}
	evs, err := social.Decide(social.State{}, social.Start{FlowID: ids[0], ProviderID: p.ID, StateHash: hashState(state),
		CallbackURL: in.CallbackURL, ErrorCallbackURL: in.ErrorCallbackURL, NewUserCallbackURL: in.NewUserCallbackURL,
		LinkPersonID: in.LinkPersonID, ExpiresAt: now.Add(s.cfg.StateTTL), At: now})
	if err != nil {
		return StartResult{}, err
	}
	if _, err := s.app.Commit(ctx, in.Caller.Meta("", now), "", eventstore.Change{Stream: stream,
		Expected: eventstore.NoStream, Events: evs, Claims: []eventstore.Claim{s.app.Claim(claimKind, state, stream)}}); err != nil {
		return StartResult{}, err
	}
	u := up.authURL(authRequest{State: state, Verifier: s.verifier(state), Nonce: s.nonce(state), Scopes: in.Scopes,
		LoginHint: in.LoginHint})
	return StartResult{URL: u, State: state}, nil
}

// claimKind is the claim of a flow's state.
const claimKind = "oauth_state"

// hashState is what the log keeps of a state.
func hashState(state string) string {
	h := sha256.Sum256([]byte(state))
	return hex.EncodeToString(h[:])
}

// verifier is the flow's PKCE verifier (43 characters, RFC 7636).
func (s *Service) verifier(state string) string { return s.derive("pkce", state) }

// nonce is the nonce the flow's ID token must carry.
func (s *Service) nonce(state string) string { return s.derive("nonce", state) }

func (s *Service) derive(purpose, state string) string {
	m := hmac.New(sha256.New, s.flowKey)
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write([]byte(state))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
