package account

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
)

func requested(hash string, at time.Time) PasswordResetRequested {
	return PasswordResetRequested{AccountID: "a1", PersonID: "p1", TokenHash: hash, Purpose: PurposePasswordReset,
		ExpiresAt: at.Add(ResetTTL), At: at}
}

// TestResetPassword: TTL, single use, purpose and the
// token of another request.
func TestResetPassword(t *testing.T) {
	tok := HashResetToken("tok-1")
	pending := NewDecider().Fold([]domain.Event{created(), requested(tok, t0)})
	used := NewDecider().Fold([]domain.Event{created(), requested(tok, t0),
		PasswordReset{AccountID: "a1", TokenHash: tok, PasswordHash: "h2", At: t0.Add(time.Minute)}})
	superseded := NewDecider().Fold([]domain.Event{created(), requested(tok, t0),
		requested(HashResetToken("tok-2"), t0.Add(time.Minute))})
	tests := []struct {
		name    string
		state   State
		cmd     ResetPassword
		wantErr error
	}{
		{"ok", pending, ResetPassword{TokenHash: tok, Purpose: PurposePasswordReset, NewHash: "h2", At: t0.Add(time.Minute)}, nil},
		{"reuse", used, ResetPassword{TokenHash: tok, Purpose: PurposePasswordReset, NewHash: "h3", At: t0.Add(2 * time.Minute)}, ErrInvalidToken},
		{"expired", pending, ResetPassword{TokenHash: tok, Purpose: PurposePasswordReset, NewHash: "h2", At: t0.Add(ResetTTL)}, ErrInvalidToken},
		{"wrong token", pending, ResetPassword{TokenHash: HashResetToken("other"), Purpose: PurposePasswordReset, NewHash: "h2", At: t0}, ErrInvalidToken},
		{"other purpose", pending, ResetPassword{TokenHash: tok, Purpose: "verify-email", NewHash: "h2", At: t0}, ErrInvalidToken},
		{"superseded", superseded, ResetPassword{TokenHash: tok, Purpose: PurposePasswordReset, NewHash: "h2", At: t0.Add(2 * time.Minute)}, ErrInvalidToken},
		{"none pending", NewDecider().Fold([]domain.Event{created()}), ResetPassword{TokenHash: "", Purpose: PurposePasswordReset, At: t0}, ErrInvalidToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := Decide(tt.state, tt.cmd)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr != nil {
				return
			}
			got := NewDecider().Fold(evs)
			after := Evolve(tt.state, evs[0])
			if after.PasswordHash != "h2" || after.ResetTokenHash != "" || got.PasswordHash != "h2" {
				t.Errorf("got hash %q pending %q, want h2 and none", after.PasswordHash, after.ResetTokenHash)
			}
		})
	}
}

func TestRequestPasswordReset(t *testing.T) {
	s := NewDecider().Fold([]domain.Event{created()})
	tests := []struct {
		name    string
		cmd     RequestPasswordReset
		wantErr bool
	}{
		{"ok", RequestPasswordReset{TokenHash: "h", Purpose: PurposePasswordReset, ExpiresAt: t0.Add(ResetTTL), At: t0}, false},
		{"no hash", RequestPasswordReset{Purpose: PurposePasswordReset, ExpiresAt: t0.Add(ResetTTL), At: t0}, true},
		{"bad purpose", RequestPasswordReset{TokenHash: "h", Purpose: "x", ExpiresAt: t0.Add(ResetTTL), At: t0}, true},
		{"no ttl", RequestPasswordReset{TokenHash: "h", Purpose: PurposePasswordReset, ExpiresAt: t0, At: t0}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := Decide(s, tt.cmd)
			if got := err != nil; got != tt.wantErr {
				t.Fatalf("got err %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && len(evs) != 1 {
				t.Fatalf("got %d events, want 1", len(evs))
			}
		})
	}
}
