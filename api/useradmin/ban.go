package useradmin

import (
	"context"
	"time"

	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain/person"
)

// BanInput is ban-user's body: ExpiresIn zero bans for good.
type BanInput struct {
	Admin     Admin
	UserID    string
	Reason    string
	ExpiresIn time.Duration
}

// Ban bans a person with a reason (default "No reason") and an optional
// expiry, and revokes every session of theirs in the same append.
func (s *Service) Ban(ctx context.Context, in BanInput) (sessionindex.User, error) {
	if err := in.Admin.require("user", "ban", ErrNotAllowedToBan); err != nil {
		return sessionindex.User{}, err
	}
	if _, err := s.loadPerson(ctx, in.UserID); err != nil {
		return sessionindex.User{}, err
	}
	if in.UserID == in.Admin.id() {
		return sessionindex.User{}, ErrCannotBanYourself
	}
	now := s.app.Now()
	cmd := person.Ban{Reason: in.Reason, At: now}
	if cmd.Reason == "" {
		cmd.Reason = DefaultBanReason
	}
	if in.ExpiresIn > 0 {
		cmd.Expires = now.Add(in.ExpiresIn)
	}
	data := map[string]any{"banned": true, "banReason": cmd.Reason}
	if !cmd.Expires.IsZero() {
		data["banExpires"] = cmd.Expires.Format(time.RFC3339Nano)
	}
	return s.applyUpdate(ctx, UpdateUserInput{Admin: in.Admin, UserID: in.UserID, Data: data})
}

// UnbanInput names the person whose ban to lift.
type UnbanInput struct {
	Admin  Admin
	UserID string
}

// Unban lifts a ban (nothing appended when there is none).
func (s *Service) Unban(ctx context.Context, in UnbanInput) (sessionindex.User, error) {
	if err := in.Admin.require("user", "ban", ErrNotAllowedToBan); err != nil {
		return sessionindex.User{}, err
	}
	if _, err := s.loadPerson(ctx, in.UserID); err != nil {
		return sessionindex.User{}, err
	}
	return s.applyUpdate(ctx, UpdateUserInput{Admin: in.Admin, UserID: in.UserID, Data: map[string]any{"banned": false}})
}
