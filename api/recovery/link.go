package recovery

import (
	"context"
	"errors"

	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/domain/account"
)

// FollowInput is a click on an emailed link. CallbackURL is validated by
// the transport against its trusted origins.
type FollowInput struct {
	Token       string
	CallbackURL string
}

// FollowLink returns where the emailed link sends the browser:
// CallbackURL?token=… when the token is pending and unexpired, otherwise
// CallbackURL?error=INVALID_TOKEN. A relative callback is resolved
// against the base URL. It consumes nothing.
func (s *Service) FollowLink(ctx context.Context, in FollowInput) (string, error) {
	param, value := "token", in.Token
	if _, _, err := s.pending(ctx, in.Token); err != nil {
		if !errors.Is(err, account.ErrInvalidToken) {
			return "", err
		}
		param, value = "error", string(account.CodeInvalidToken)
	}
	return maillink.WithParam(s.cfg.BaseURL, in.CallbackURL, param, value), nil
}
