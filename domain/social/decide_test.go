package social

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)

const fid, pid, aid, sid = "F0000000000000000000000000000001", "P0000000000000000000000000000001",
	"A0000000000000000000000000000001", "S0000000000000000000000000000001"

func started() Started {
	return Started{FlowID: fid, ProviderID: "hydra", StateHash: "h", CallbackURL: "/", ExpiresAt: t0.Add(10 * time.Minute), At: t0}
}

func linkStarted() Started {
	s := started()
	s.LinkPersonID = pid
	return s
}

func TestDecide(t *testing.T) {
	recv := CallbackReceived{FlowID: fid, ProviderID: "hydra", At: t0}
	ok := Succeeded{FlowID: fid, ProviderID: "hydra", PersonID: pid, AccountID: aid, SessionID: sid, NewUser: true, At: t0}
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wantErr error
	}{
		{"start", nil, Start{FlowID: fid, ProviderID: "hydra", StateHash: "h", CallbackURL: "/",
			ExpiresAt: t0.Add(10 * time.Minute), At: t0}, []domain.Event{started()}, nil},
		{"start a link flow", nil, Start{FlowID: fid, ProviderID: "hydra", StateHash: "h", CallbackURL: "/",
			LinkPersonID: pid, ExpiresAt: t0.Add(10 * time.Minute), At: t0}, []domain.Event{linkStarted()}, nil},
		{"complete a link flow without a session", []domain.Event{linkStarted(), recv},
			Complete{StateHash: "h", PersonID: pid, AccountID: aid, Linked: true, At: t0},
			[]domain.Event{Succeeded{FlowID: fid, ProviderID: "hydra", PersonID: pid, AccountID: aid, Linked: true, At: t0}}, nil},
		{"start twice", []domain.Event{started()}, Start{FlowID: fid}, nil, domain.Errorf(domain.CodeConflict, "")},
		{"receive", []domain.Event{started()}, Receive{StateHash: "h", At: t0}, []domain.Event{recv}, nil},
		{"receive twice (replay)", []domain.Event{started(), recv}, Receive{StateHash: "h", At: t0}, nil, ErrStateMismatch},
		{"receive unknown flow", nil, Receive{StateHash: "h", At: t0}, nil, ErrStateMismatch},
		{"receive with another state", []domain.Event{started()}, Receive{StateHash: "x", At: t0}, nil, ErrStateMismatch},
		{"receive ended", []domain.Event{started(), Failed{FlowID: fid, Reason: "access_denied"}},
			Receive{StateHash: "h", At: t0}, nil, ErrStateMismatch},
		{"receive expired", []domain.Event{started()}, Receive{StateHash: "h", At: t0.Add(10 * time.Minute)},
			[]domain.Event{Failed{FlowID: fid, ProviderID: "hydra", Reason: "state_mismatch", At: t0.Add(10 * time.Minute)}},
			ErrStateMismatch},
		{"complete", []domain.Event{started(), recv}, Complete{StateHash: "h", PersonID: pid, AccountID: aid, SessionID: sid,
			NewUser: true, At: t0}, []domain.Event{ok}, nil},
		{"complete unreceived", []domain.Event{started()}, Complete{StateHash: "h", At: t0}, nil, ErrStateMismatch},
		{"complete twice", []domain.Event{started(), recv, ok}, Complete{StateHash: "h", At: t0}, nil, ErrStateMismatch},
		{"complete after failure", []domain.Event{started(), recv, Failed{FlowID: fid, Reason: "invalid_code"}},
			Complete{StateHash: "h", At: t0}, nil, ErrStateMismatch},
		{"complete with another state", []domain.Event{started(), recv}, Complete{StateHash: "x", At: t0}, nil, ErrStateMismatch},
		{"fail received", []domain.Event{started(), recv}, Fail{Reason: "invalid_code", At: t0},
			[]domain.Event{Failed{FlowID: fid, ProviderID: "hydra", Reason: "invalid_code", At: t0}}, nil},
		{"fail", []domain.Event{started()}, Fail{Reason: "account_not_linked", PersonID: pid, At: t0},
			[]domain.Event{Failed{FlowID: fid, ProviderID: "hydra", PersonID: pid, Reason: "account_not_linked", At: t0}}, nil},
		{"fail ended", []domain.Event{started(), recv, ok}, Fail{Reason: "x", At: t0}, nil, ErrStateMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s State
			for _, e := range tt.given {
				s = Evolve(s, e)
			}
			got, err := Decide(s, tt.when)
			if tt.wantErr != nil {
				var want, have *domain.Error
				if !errors.As(tt.wantErr, &want) || !errors.As(err, &have) || want.Code != have.Code {
					t.Fatalf("err = %v, want code of %v", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatalf("err = %v", err)
			}
			if diff := cmp.Diff(tt.then, got); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
		})
	}
}
