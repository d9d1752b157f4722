package social

import (
	"context"
	"errors"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/token"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/social"
	"github.com/authledger/authledger/eventstore"
)

// IDTokenInput is a sign-in with an ID token a native app obtained from
// the provider itself (sign-in/social's idToken), with the provider's
// other tokens when the app has them.
type IDTokenInput struct {
	Caller       app.Caller
	ProviderID   string
	Token        string
	Nonce        string
	AccessToken  string
	RefreshToken string
	// ExpiresAt is the access token's expiry (zero when unknown).
	ExpiresAt time.Time
	// CallbackURL and NewUserCallbackURL are recorded on the flow (already
	// checked against the trusted origins); nothing redirects.
	CallbackURL        string
	NewUserCallbackURL string
}

// SignInIDToken verifies the ID token with the provider's keys (issuer,
// audience = the client id, expiry, an asymmetric signature; alg none and
// HMAC refused; the nonce when given) and signs the person in without a
// redirect, by the code flow's own rules (a known account, a new person,
// or a trusted provider's verified email linking): it records a flow of
// method id_token that ends signed in or refused, so the outcome is
// audited as the code flow's. A provider without ID tokens is
// ID_TOKEN_NOT_SUPPORTED; a token that does not verify INVALID_TOKEN; a
// refusal by the linking rules OAUTH_LINK_ERROR (BANNED_USER for a banned
// person).
func (s *Service) SignInIDToken(ctx context.Context, in IDTokenInput) (CallbackResult, error) {
	p, ok := s.provider(in.ProviderID)
	if !ok {
		return CallbackResult{}, ErrProviderNotFound
	}
	if in.Token == "" {
		return CallbackResult{}, errIDTokenRequired
	}
	up, err := s.upstream(ctx, p)
	if err != nil {
		return CallbackResult{}, err
	}
	vctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	id, err := up.verifyIDToken(vctx, in.Token, in.Nonce)
	cancel()
	switch {
	case errors.Is(err, errNoIDTokens):
		return CallbackResult{}, ErrIDTokenNotSupported
	case err != nil:
		s.warn(p, "invalid_id_token", err)
		return CallbackResult{}, ErrInvalidIDToken
	case id.Subject == "":
		return CallbackResult{}, ErrInvalidIDToken
	case id.Email == "":
		return CallbackResult{}, ErrUserEmailNotFound
	}
	fl, err := s.idTokenFlow(ctx, in, p)
	if err != nil {
		return CallbackResult{}, err
	}
	fl.tokens = account.ProviderTokens{IDToken: in.Token, AccessToken: in.AccessToken, RefreshToken: in.RefreshToken,
		AccessTokenExpiresAt: in.ExpiresAt}
	res, err := s.signIn(ctx, fl, id)
	switch {
	case err != nil:
		return CallbackResult{}, err
	case res.Error == "banned":
		return CallbackResult{}, account.ErrBanned
	case res.Error != "":
		return CallbackResult{}, errLinkRefused(res.Error)
	}
	return res, nil
}

// idTokenFlow records the ID token sign-in's flow, started and received
// in one append: its state is never handed out (nor claimed), so only
// this sign-in can end it.
func (s *Service) idTokenFlow(ctx context.Context, in IDTokenInput, p Provider) (flow, error) {
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return flow{}, err
	}
	state, err := token.New(s.app.Rand)
	if err != nil {
		return flow{}, err
	}
	now, stream := s.app.Now(), social.Stream(ids[0])
	if in.CallbackURL == "" {
		in.CallbackURL = "/"
	}
	d := social.NewDecider()
	evs, err := social.Decide(social.State{}, social.Start{FlowID: ids[0], ProviderID: p.ID, StateHash: hashState(state),
		CallbackURL: in.CallbackURL, NewUserCallbackURL: in.NewUserCallbackURL, Method: social.MethodIDToken,
		ExpiresAt: now.Add(s.cfg.StateTTL), At: now})
	if err != nil {
		return flow{}, err
	}
	received, err := social.Decide(d.Fold(evs), social.Receive{StateHash: hashState(state), At: now})
	if err != nil {
		return flow{}, err
	}
	evs = append(evs, received...)
	if _, err := s.app.Commit(ctx, in.Caller.Meta("", now), "", eventstore.Change{Stream: stream,
		Expected: eventstore.NoStream, Events: evs}); err != nil {
		return flow{}, err
	}
	return flow{State: d.Fold(evs), stream: stream, state: state, caller: in.Caller}, nil
}

// errIDTokenRequired refuses an idToken without its token.
var errIDTokenRequired = domain.Errorf(domain.CodeValidation, "[body.idToken.token] Invalid input: expected string, received undefined")
