package person

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

const pid = "P0000000000000000000000000000001"

func signedUp() SignedUp {
	return SignedUp{PersonID: pid, Email: "alice@example.com", Name: "Alice", Role: "user", At: t0}
}

func ptr(s string) *string { return &s }

func TestDecide(t *testing.T) {
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"sign up defaults role to user", nil, SignUp{PersonID: pid, Email: "alice@example.com", Name: "Alice", At: t0},
			[]domain.Event{signedUp()}, nil},
		{"sign up twice", []domain.Event{signedUp()}, SignUp{PersonID: pid, Email: "a@b.c", At: t0},
			nil, domain.ErrUserAlreadyExists},
		{"sign up bad id", nil, SignUp{PersonID: "short", Email: "a@b.c", At: t0}, nil, domain.Errorf(domain.CodeValidation, "")},
		{"update name and image", []domain.Event{signedUp()},
			UpdateProfile{Name: ptr("Alice A."), Image: ptr("https://example.com/a.png"), At: t0},
			[]domain.Event{ProfileUpdated{PersonID: pid, SetName: true, Name: "Alice A.", SetImage: true,
				Image: "https://example.com/a.png", At: t0}}, nil},
		{"update to the same name is a no-op", []domain.Event{signedUp()}, UpdateProfile{Name: ptr("Alice"), At: t0}, nil, nil},
		{"update fields", []domain.Event{signedUp()}, UpdateProfile{Fields: `{"age":3}`, At: t0},
			[]domain.Event{ProfileUpdated{PersonID: pid, Fields: `{"age":3}`, At: t0}}, nil},
		{"update unknown person", nil, UpdateProfile{Name: ptr("x"), At: t0}, nil, domain.ErrNotFound},
		{"ban", []domain.Event{signedUp()}, Ban{Reason: "spam", At: t0},
			[]domain.Event{Banned{PersonID: pid, Reason: "spam", At: t0}}, nil},
		{"ban twice is a no-op", []domain.Event{signedUp(), Banned{PersonID: pid, At: t0}}, Ban{At: t0}, nil, nil},
		{"ban unknown person", nil, Ban{At: t0}, nil, domain.ErrNotFound},
		{"unban", []domain.Event{signedUp(), Banned{PersonID: pid, At: t0}}, Unban{At: t0},
			[]domain.Event{Unbanned{PersonID: pid, At: t0}}, nil},
		{"unban when not banned is a no-op", []domain.Event{signedUp()}, Unban{At: t0}, nil, nil},
		{"erase", []domain.Event{signedUp()}, Erase{At: t0},
			[]domain.Event{Erased{PersonID: pid, At: t0}}, nil},
		{"erase twice is a no-op", []domain.Event{signedUp(), Erased{PersonID: pid, At: t0}}, Erase{At: t0}, nil, nil},
		{"erase unknown person", nil, Erase{At: t0}, nil, domain.ErrNotFound},
		{"update erased person", []domain.Event{signedUp(), Erased{PersonID: pid, At: t0}},
			UpdateProfile{Name: ptr("x"), At: t0}, nil, domain.ErrNotFound},
		{"sign up again on an erased stream", []domain.Event{signedUp(), Erased{PersonID: pid, At: t0}},
			SignUp{PersonID: pid, Email: "a@b.c", At: t0}, nil, domain.ErrUserAlreadyExists},
	}
	d := NewDecider()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Decide(d.Fold(tt.given), tt.when)
			if !errors.Is(err, tt.wantErr) && !(err == nil && tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(got, tt.then); diff != "" {
				t.Errorf("events (-got +want):\n%s", diff)
			}
		})
	}
}

func TestFieldsMerge(t *testing.T) {
	s := NewDecider().Fold([]domain.Event{
		SignedUp{PersonID: pid, Fields: `{"age":3,"plan":"free"}`, At: t0},
		ProfileUpdated{PersonID: pid, Fields: `{"plan":"pro"}`, At: t0},
	})
	want := map[string]any{"age": float64(3), "plan": "pro"}
	if diff := cmp.Diff(s.Fields, want); diff != "" {
		t.Error(diff)
	}
	got, err := EncodeFields(s.Fields)
	if err != nil || got != `{"age":3,"plan":"pro"}` {
		t.Errorf("EncodeFields = %q, %v", got, err)
	}
}

func TestEventsEvolve(t *testing.T) {
	base := NewDecider().Fold([]domain.Event{signedUp()})
	samples := map[string]domain.Event{
		TypeSignedUp:       SignedUp{PersonID: "other", At: t0},
		TypeProfileUpdated: ProfileUpdated{SetName: true, Name: "Z", At: t0.Add(time.Hour)},
		TypeBanned:         Banned{At: t0},
		TypeUnbanned:       Unbanned{At: t0.Add(time.Hour)},
		TypeErased:         Erased{PersonID: pid, At: t0.Add(time.Hour)},
		TypeEmailVerificationRequested: EmailVerificationRequested{PersonID: pid, TokenHash: "h", Email: "alice@example.com",
			ExpiresAt: t0.Add(time.Hour), At: t0},
		TypeEmailChangeRequested: EmailChangeRequested{PersonID: pid, TokenHash: "h", Stage: ChangeStageVerify,
			Email: "alice@example.com", NewEmail: "new@example.com", ExpiresAt: t0.Add(time.Hour), At: t0},
		TypeDeletionRequested: DeletionRequested{PersonID: pid, TokenHash: "d", ExpiresAt: t0.Add(DeleteTTL), At: t0},
		TypeEmailChanged:      EmailChanged{PersonID: pid, OldEmail: "alice@example.com", NewEmail: "new@example.com", At: t0},
		TypeAccountLinked:     linked(),
		TypeAccountUnlinked:   AccountUnlinked{PersonID: pid, AccountID: aid, At: t0.Add(time.Hour)},
		TypeEmailVerified:     EmailVerified{PersonID: pid, TokenHash: "h", Email: "alice@example.com", At: t0.Add(time.Hour)},
		TypeUnprovenAccessRemoved: UnprovenAccessRemoved{PersonID: pid, Via: ViaPasswordReset, Sessions: 1,
			At: t0.Add(time.Hour)},
		TypeCredentialAdded: CredentialAdded{PersonID: pid, AccountID: aid2, At: t0.Add(time.Hour)},
		TypeRoleChanged:     RoleChanged{PersonID: pid, Role: RoleAdmin, By: "admin-cli", At: t0.Add(time.Hour)},
	}
	for _, ev := range Events() {
		s, ok := samples[ev.EventType()]
		if !ok {
			t.Fatalf("no sample for %s", ev.EventType())
		}
		if cmp.Equal(Evolve(base, s), base) {
			t.Errorf("%s does not change state", ev.EventType())
		}
	}
}

func TestErasedStateKeepsNoPII(t *testing.T) {
	s := NewDecider().Fold([]domain.Event{signedUp(), Erased{PersonID: pid, At: t0.Add(time.Hour)}})
	want := State{ID: pid, Erased: true, CreatedAt: t0, UpdatedAt: t0.Add(time.Hour)}
	if diff := cmp.Diff(s, want); diff != "" {
		t.Errorf("state (-got +want):\n%s", diff)
	}
}
