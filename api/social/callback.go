package social

import (
	"context"
	"crypto/subtle"
	"errors"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/social"
	"github.com/authledger/authledger/eventstore"
	"golang.org/x/oauth2"
)

// CallbackInput is the provider's answer as the browser brings it back:
// the callback's provider id, the query's state, code and error, and the
// state of the browser's signed cookie.
type CallbackInput struct {
	Caller      app.Caller
	ProviderID  string
	State       string
	CookieState string
	Code        string
	Error       string
	// User is the user JSON of Apple's first form POST (untrusted: only a
	// name is taken from it, for a provider that sends it).
	User string
}

// CallbackResult is where the browser goes: signed in (Token for PersonID,
// then Redirect), or refused (Error, a Better Auth error code for the
// query, then ErrorURL; ErrorURL "" means the server's error page).
type CallbackResult struct {
	PersonID string
	Token    string
	Redirect string
	Error    string
	ErrorURL string
}

// Callback completes a flow once. The state must be a started, unexpired,
// unused flow of this provider and this browser; it is consumed before
// the code is used, so a replay or a concurrent duplicate of the callback
// is refused without reaching the provider. The code is exchanged
// with the flow's PKCE verifier and the ID token verified (issuer,
// audience, expiry, signature with an asymmetric algorithm, nonce). A
// refusal is recorded on the flow, which then ends. The error is only for
// failures of the server itself.
func (s *Service) Callback(ctx context.Context, in CallbackInput) (CallbackResult, error) {
	if in.State == "" {
		return CallbackResult{Error: "state_mismatch"}, nil
	}
	owner, err := s.app.Owner(ctx, claimKind, in.State)
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		return CallbackResult{Error: "state_mismatch"}, nil
	}
	if err != nil {
		return CallbackResult{}, err
	}
	f, _, err := app.Load(ctx, s.app, social.NewDecider(), owner)
	if err != nil {
		return CallbackResult{}, err
	}
	if !f.Exists || f.Received || f.Ended || f.StateHash != hashState(in.State) {
		return CallbackResult{Error: "state_mismatch"}, nil
	}
	fl := flow{State: f, stream: owner, state: in.State, caller: in.Caller}
	if reason := s.precheck(fl, in); reason != "" {
		return s.refuse(ctx, fl, reason, "")
	}
	if ok, err := s.consume(ctx, fl); !ok || err != nil {
		return CallbackResult{Error: "state_mismatch", ErrorURL: fl.ErrorCallbackURL}, err
	}
	id, tok, reason := s.identify(ctx, fl, in.Code)
	if reason != "" {
		return s.refuse(ctx, fl, reason, "")
	}
	fl.tokens = tokensOf(tok, s.app.Now())
	id = s.firstSignInName(ctx, fl.ProviderID, id, in.User)
	if fl.LinkPersonID != "" {
		return s.linkTo(ctx, fl, id)
	}
	return s.signIn(ctx, fl, id)
}

// flow is a callback's started flow.
type flow struct {
	social.State
	stream, state string
	caller        app.Caller
	// tokens are what the provider granted, kept (sealed) on the account.
	tokens account.ProviderTokens
}

// precheck refuses what needs no provider: another provider's callback, a
// state not bound to this browser, an expired flow, the provider's error.
func (s *Service) precheck(f flow, in CallbackInput) string {
	switch {
	case f.ProviderID != in.ProviderID:
		return "state_mismatch"
	case subtle.ConstantTimeCompare([]byte(in.CookieState), []byte(in.State)) != 1:
		return "state_mismatch"
	case !s.app.Now().Before(f.ExpiresAt):
		return "state_mismatch"
	case in.Error != "":
		return providerError(in.Error)
	case in.Code == "":
		return "please_restart_the_process"
	}
	return ""
}

// providerError keeps a provider's error code when it is code-shaped.
func providerError(code string) string {
	if len(code) > 64 || strings.Trim(code, "abcdefghijklmnopqrstuvwxyz_") != "" {
		return "provider_error"
	}
	return code
}

// identify exchanges the code and verifies who it is for, or names why
// not; the provider's tokens come with the identity.
func (s *Service) identify(ctx context.Context, f flow, code string) (identity, *oauth2.Token, string) {
	p, ok := s.provider(f.ProviderID)
	if !ok {
		return identity{}, nil, "oauth_provider_not_found"
	}
	up, err := s.upstream(ctx, p)
	if err != nil {
		return identity{}, nil, "provider_unavailable"
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	tok, err := up.exchange(ctx, code, s.verifier(f.state))
	if err != nil {
		return identity{}, nil, s.warn(p, "invalid_code", err)
	}
	id, err := up.identify(ctx, tok, s.nonce(f.state))
	if errors.Is(err, errUserInfo) {
		return identity{}, nil, s.warn(p, "unable_to_get_user_info", err)
	}
	if err != nil {
		return identity{}, nil, s.warn(p, "invalid_id_token", err)
	}
	return id, tok, ""
}

// consume records that this callback took the flow's state; false when
// another one did first (or the flow expired meanwhile).
func (s *Service) consume(ctx context.Context, f flow) (bool, error) {
	now := s.app.Now()
	_, err := app.Run(ctx, s.app, social.NewDecider(), f.stream, f.caller.Meta("", now), "",
		func(social.State) social.Command { return social.Receive{StateHash: hashState(f.state), At: now} })
	if errors.Is(err, social.ErrStateMismatch) {
		return false, nil
	}
	return err == nil, err
}

// warn logs why a provider's answer was refused (the provider's error or
// the verification's; neither holds a secret) and returns reason.
func (s *Service) warn(p Provider, reason string, err error) string {
	s.app.Logger.Warn("social sign-in refused", "provider", p.ID, "reason", reason, "err", err)
	return reason
}

// refuse ends the flow with reason (personID when one was concerned).
func (s *Service) refuse(ctx context.Context, f flow, reason, personID string) (CallbackResult, error) {
	now := s.app.Now()
	_, err := app.Run(ctx, s.app, social.NewDecider(), f.stream, f.caller.Meta(personID, now), "",
		func(social.State) social.Command { return social.Fail{Reason: reason, PersonID: personID, At: now} })
	if errors.Is(err, social.ErrStateMismatch) {
		reason, err = "state_mismatch", nil // ended meanwhile
	}
	if err != nil {
		return CallbackResult{}, err
	}
	return CallbackResult{Error: reason, ErrorURL: f.ErrorCallbackURL}, nil
}
