package session

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

const sid, pid = "S0000000000000000000000000000001", "P0000000000000000000000000000001"

func created() Created {
	return Created{SessionID: sid, PersonID: pid, TokenHash: "h", ExpiresAt: t0.Add(7 * 24 * time.Hour), At: t0}
}

func TestDecide(t *testing.T) {
	day, week := 24*time.Hour, 7*24*time.Hour
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"create", nil, Create{SessionID: sid, PersonID: pid, TokenHash: "h", ExpiresIn: week, At: t0},
			[]domain.Event{created()}, nil},
		{"create twice", []domain.Event{created()}, Create{SessionID: sid, TokenHash: "h", ExpiresIn: week, At: t0},
			nil, domain.Errorf(domain.CodeConflict, "")},
		{"create without lifetime", nil, Create{SessionID: sid, TokenHash: "h", At: t0},
			nil, domain.Errorf(domain.CodeValidation, "")},
		{"refresh too early is a no-op", []domain.Event{created()},
			Refresh{ExpiresIn: week, UpdateAge: day, At: t0.Add(23 * time.Hour)}, nil, nil},
		{"refresh after update age", []domain.Event{created()},
			Refresh{ExpiresIn: week, UpdateAge: day, At: t0.Add(day)},
			[]domain.Event{Refreshed{SessionID: sid, PersonID: pid, ExpiresAt: t0.Add(day + week), At: t0.Add(day)}}, nil},
		{"refresh once per update age", []domain.Event{created(),
			Refreshed{SessionID: sid, PersonID: pid, ExpiresAt: t0.Add(day + week), At: t0.Add(day)}},
			Refresh{ExpiresIn: week, UpdateAge: day, At: t0.Add(day + time.Hour)}, nil, nil},
		{"refresh is capped by the absolute lifetime", []domain.Event{created()},
			Refresh{ExpiresIn: week, UpdateAge: day, MaxLifetime: week + 2*day, At: t0.Add(5 * day)},
			[]domain.Event{Refreshed{SessionID: sid, PersonID: pid, ExpiresAt: t0.Add(week + 2*day), At: t0.Add(5 * day)}}, nil},
		{"no refresh once the absolute lifetime is reached", []domain.Event{created(),
			Refreshed{SessionID: sid, PersonID: pid, ExpiresAt: t0.Add(week + 2*day), At: t0.Add(5 * day)}},
			Refresh{ExpiresIn: week, UpdateAge: day, MaxLifetime: week + 2*day, At: t0.Add(7 * day)}, nil, nil},
		{"refresh past expiry expires", []domain.Event{created()},
			Refresh{ExpiresIn: week, UpdateAge: day, At: t0.Add(week)},
			[]domain.Event{Expired{SessionID: sid, PersonID: pid, TokenHash: "h", At: t0.Add(week)}}, domain.ErrSessionExpired},
		{"refresh revoked", []domain.Event{created(), Revoked{SessionID: sid, Reason: ReasonSignOut, At: t0}},
			Refresh{ExpiresIn: week, UpdateAge: day, At: t0.Add(day)}, nil, domain.ErrSessionNotFound},
		{"revoke", []domain.Event{created()}, Revoke{Reason: ReasonSignOut, At: t0.Add(time.Minute)},
			[]domain.Event{Revoked{SessionID: sid, PersonID: pid, TokenHash: "h", Reason: ReasonSignOut, At: t0.Add(time.Minute)}}, nil},
		{"revoke from the device list", []domain.Event{created()}, Revoke{Reason: ReasonDeviceRevoked, At: t0.Add(time.Minute)},
			[]domain.Event{Revoked{SessionID: sid, PersonID: pid, TokenHash: "h", Reason: ReasonDeviceRevoked, At: t0.Add(time.Minute)}}, nil},
		{"revoke twice is a no-op", []domain.Event{created(), Revoked{SessionID: sid, Reason: ReasonSignOut, At: t0}},
			Revoke{Reason: ReasonRevoked, At: t0}, nil, nil},
		{"revoke unknown is a no-op", nil, Revoke{Reason: ReasonRevoked, At: t0}, nil, nil},
		{"expire before expiry is a no-op", []domain.Event{created()}, Expire{At: t0.Add(day)}, nil, nil},
		{"expire after expiry", []domain.Event{created()}, Expire{At: t0.Add(week)},
			[]domain.Event{Expired{SessionID: sid, PersonID: pid, TokenHash: "h", At: t0.Add(week)}}, nil},
		{"open an impersonation session", nil, Create{SessionID: sid, PersonID: pid, TokenHash: "h", ExpiresIn: time.Hour,
			ImpersonatedBy: "A1", At: t0},
			[]domain.Event{Created{SessionID: sid, PersonID: pid, TokenHash: "h", ExpiresAt: t0.Add(time.Hour),
				ImpersonatedBy: "A1", At: t0}}, nil},
		{"an impersonation session lasts at most an hour", nil, Create{SessionID: sid, PersonID: pid, TokenHash: "h",
			ExpiresIn: time.Hour + time.Second, ImpersonatedBy: "A1", At: t0}, nil, domain.Errorf(domain.CodeValidation, "")},
		{"nobody impersonates themselves", nil, Create{SessionID: sid, PersonID: pid, TokenHash: "h",
			ExpiresIn: time.Hour, ImpersonatedBy: pid, At: t0}, nil, domain.Errorf(domain.CodeValidation, "")},
		{"an impersonation session is never refreshed", []domain.Event{Created{SessionID: sid, PersonID: pid, TokenHash: "h",
			ExpiresAt: t0.Add(time.Hour), ImpersonatedBy: "A1", At: t0}},
			Refresh{ExpiresIn: week, UpdateAge: time.Minute, At: t0.Add(30 * time.Minute)}, nil, nil},
		{"set active organization", []domain.Event{created()}, SetActiveOrganization{OrganizationID: "G1", At: t0},
			[]domain.Event{ActiveOrganizationSet{SessionID: sid, PersonID: pid, OrganizationID: "G1", At: t0}}, nil},
		{"set the same active organization is a no-op", []domain.Event{created(),
			ActiveOrganizationSet{SessionID: sid, PersonID: pid, OrganizationID: "G1", At: t0}},
			SetActiveOrganization{OrganizationID: "G1", At: t0}, nil, nil},
		{"clear the active organization", []domain.Event{created(),
			ActiveOrganizationSet{SessionID: sid, PersonID: pid, OrganizationID: "G1", At: t0}},
			SetActiveOrganization{At: t0.Add(time.Minute)},
			[]domain.Event{ActiveOrganizationSet{SessionID: sid, PersonID: pid, At: t0.Add(time.Minute)}}, nil},
		{"set active on a revoked session", []domain.Event{created(), Revoked{SessionID: sid, Reason: ReasonSignOut, At: t0}},
			SetActiveOrganization{OrganizationID: "G1", At: t0}, nil, domain.ErrSessionNotFound},
		{"set active on an expired session", []domain.Event{created()},
			SetActiveOrganization{OrganizationID: "G1", At: t0.Add(week)}, nil, domain.ErrSessionNotFound},
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

func TestStateActiveAt(t *testing.T) {
	s := NewDecider().Fold([]domain.Event{created()})
	if !s.ActiveAt(t0) || s.ActiveAt(t0.Add(8*24*time.Hour)) {
		t.Errorf("ActiveAt wrong: %+v", s)
	}
	if !NeedsRefresh(s, t0.Add(25*time.Hour), 24*time.Hour) || NeedsRefresh(s, t0.Add(time.Hour), 24*time.Hour) {
		t.Error("NeedsRefresh wrong")
	}
}

// TestEventsEvolve checks that every event in Events() changes a created
// session's state (none is silently dropped by Evolve).
func TestEventsEvolve(t *testing.T) {
	base := NewDecider().Fold([]domain.Event{created()})
	samples := map[string]domain.Event{
		TypeCreated:               Created{SessionID: "other", At: t0},
		TypeRefreshed:             Refreshed{ExpiresAt: t0.Add(time.Hour), At: t0.Add(time.Minute)},
		TypeRevoked:               Revoked{At: t0},
		TypeExpired:               Expired{At: t0},
		TypeActiveOrganizationSet: ActiveOrganizationSet{OrganizationID: "G1", At: t0},
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
