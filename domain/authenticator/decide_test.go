package authenticator

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

const pid = "P0000000000000000000000000000001"

func key(id, cred string, count uint32) Passkey {
	return Passkey{ID: id, Name: "laptop", CredentialID: cred, PublicKey: "pk-" + cred, SignCount: count, CreatedAt: t0}
}

func registered(p Passkey) Registered {
	return Registered{PersonID: pid, PasskeyID: p.ID, Name: p.Name, CredentialID: p.CredentialID, PublicKey: p.PublicKey,
		SignCount: p.SignCount, At: t0}
}

func TestDecide(t *testing.T) {
	one := []domain.Event{registered(key("K1", "c1", 5))}
	zero := []domain.Event{registered(key("K1", "c1", 0))}
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"register", nil, Register{Passkey: key("K1", "c1", 5), PersonID: pid, At: t0}, one, nil},
		{"register the same credential again", one, Register{Passkey: key("K2", "c1", 0), PersonID: pid, At: t0}, nil, ErrAlreadyRegistered},
		{"register without a credential id", nil, Register{Passkey: key("K1", "", 0), PersonID: pid, At: t0}, nil, ErrAlreadyRegistered},
		{"register with a control character in the name", nil,
			Register{Passkey: Passkey{ID: "K1", CredentialID: "c", Name: "a\nb"}, PersonID: pid, At: t0}, nil, ErrInvalidName},
		{"rename", one, Rename{PasskeyID: "K1", Name: "phone", At: t0},
			[]domain.Event{Renamed{PersonID: pid, PasskeyID: "K1", Name: "phone", At: t0}}, nil},
		{"rename to the same name is a no-op", one, Rename{PasskeyID: "K1", Name: "laptop", At: t0}, nil, nil},
		{"rename an unknown passkey", one, Rename{PasskeyID: "K9", Name: "x", At: t0}, nil, ErrNotFound},
		{"rename too long", one, Rename{PasskeyID: "K1", Name: strings.Repeat("é", MaxNameLength+1), At: t0}, nil, ErrInvalidName},
		{"delete", one, Delete{PasskeyID: "K1", At: t0}, []domain.Event{Deleted{PersonID: pid, PasskeyID: "K1", At: t0}}, nil},
		{"delete an unknown passkey", one, Delete{PasskeyID: "K9", At: t0}, nil, ErrNotFound},
		{"delete all", append(one, registered(key("K2", "c2", 0))), DeleteAll{At: t0},
			[]domain.Event{Deleted{PersonID: pid, PasskeyID: "K1", At: t0}, Deleted{PersonID: pid, PasskeyID: "K2", At: t0}}, nil},
		{"delete all of none is a no-op", nil, DeleteAll{At: t0}, nil, nil},
		{"sign in with a higher counter", one, Authenticate{PasskeyID: "K1", SignCount: 6, ChallengeID: "ch", SessionID: "S1", At: t0},
			[]domain.Event{Used{PersonID: pid, PasskeyID: "K1", SignCount: 6, ChallengeID: "ch", SessionID: "S1", At: t0}}, nil},
		{"a counter that never counts", zero, Authenticate{PasskeyID: "K1", SignCount: 0, ChallengeID: "ch", SessionID: "S1", At: t0},
			[]domain.Event{Used{PersonID: pid, PasskeyID: "K1", ChallengeID: "ch", SessionID: "S1", At: t0}}, nil},
		{"the same counter is a regression", one, Authenticate{PasskeyID: "K1", SignCount: 5, ChallengeID: "ch", At: t0},
			[]domain.Event{SignCountRegressed{PersonID: pid, PasskeyID: "K1", Stored: 5, Presented: 5, ChallengeID: "ch", At: t0}}, ErrSignCountRegressed},
		{"a lower counter is a regression", one, Authenticate{PasskeyID: "K1", SignCount: 0, ChallengeID: "ch", At: t0},
			[]domain.Event{SignCountRegressed{PersonID: pid, PasskeyID: "K1", Stored: 5, Presented: 0, ChallengeID: "ch", At: t0}}, ErrSignCountRegressed},
		{"sign in with a deleted passkey", append(one, Deleted{PersonID: pid, PasskeyID: "K1", At: t0}),
			Authenticate{PasskeyID: "K1", SignCount: 9, At: t0}, nil, ErrNotFound},
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

func TestFold(t *testing.T) {
	s := NewDecider().Fold([]domain.Event{registered(key("K1", "c1", 1)), registered(key("K2", "c2", 0)),
		Renamed{PersonID: pid, PasskeyID: "K2", Name: "phone", At: t0},
		Used{PersonID: pid, PasskeyID: "K1", SignCount: 7, BackedUp: true, At: t0},
		SignCountRegressed{PersonID: pid, PasskeyID: "K1", Stored: 7, Presented: 3, At: t0},
		Deleted{PersonID: pid, PasskeyID: "K2", At: t0}})
	want := State{PersonID: pid, Passkeys: []Passkey{{ID: "K1", Name: "laptop", CredentialID: "c1", PublicKey: "pk-c1",
		SignCount: 7, BackedUp: true, CreatedAt: t0}}}
	if diff := cmp.Diff(s, want); diff != "" {
		t.Errorf("state (-got +want):\n%s", diff)
	}
}

// TestEventsEvolve checks every event in Events() changes the state
// (SignCountRegressed is audit only, the documented exception).
func TestEventsEvolve(t *testing.T) {
	base := NewDecider().Fold([]domain.Event{registered(key("K1", "c1", 1))})
	samples := map[string]domain.Event{
		TypeRegistered:         registered(key("K2", "c2", 0)),
		TypeRenamed:            Renamed{PasskeyID: "K1", Name: "new"},
		TypeDeleted:            Deleted{PasskeyID: "K1"},
		TypeUsed:               Used{PasskeyID: "K1", SignCount: 2},
		TypeSignCountRegressed: nil,
	}
	for _, ev := range Events() {
		s, ok := samples[ev.EventType()]
		if !ok {
			t.Fatalf("no sample for %s", ev.EventType())
		}
		if s == nil {
			continue
		}
		if cmp.Equal(Evolve(base, s), base) {
			t.Errorf("%s does not change state", ev.EventType())
		}
	}
}

// TestEvolveLeavesEarlierStates: folding shares no slice with the state
// it started from.
func TestEvolveLeavesEarlierStates(t *testing.T) {
	base := NewDecider().Fold([]domain.Event{registered(key("K1", "c1", 1))})
	_ = Evolve(base, Used{PasskeyID: "K1", SignCount: 9})
	_ = Evolve(base, Renamed{PasskeyID: "K1", Name: "x"})
	if base.Passkeys[0].SignCount != 1 || base.Passkeys[0].Name != "laptop" {
		t.Errorf("base changed: %+v", base.Passkeys[0])
	}
}
