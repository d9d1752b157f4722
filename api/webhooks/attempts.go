package webhooks

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// Attempt is one delivery attempt, as /v1/webhooks/:id/attempts shows it.
type Attempt struct {
	EventID  string    `json:"eventId"`
	Type     string    `json:"type"`
	Position string    `json:"position"`
	Attempt  int       `json:"attempt"` // 1 for the first try of this event
	At       time.Time `json:"at"`
	OK       bool      `json:"ok"`
	Status   int       `json:"status,omitempty"` // the receiver's HTTP status, 0 when none
	Error    string    `json:"error,omitempty"`
}

// KeptAttempts is how many attempts are kept per endpoint (newest).
const KeptAttempts = 100

// deliveryState is what the deliverer keeps per endpoint beside its
// checkpoint, in the same transaction.
type deliveryState struct {
	Replay       int        `json:"replay"`                 // last replay applied
	FailingSince *time.Time `json:"failingSince,omitempty"` // first failure of the pending event
	Attempts     []Attempt  `json:"attempts"`               // newest first
}

// checkpointName is the endpoint's checkpoint row; stateName its state's.
func checkpointName(id string) string { return "webhook." + id }
func stateName(id string) string      { return "webhook." + id + ".state" }

// loadState reads the endpoint's checkpoint and state.
func loadState(ctx context.Context, read ontology.Store, id string) (string, deliveryState, error) {
	var st deliveryState
	cp, err := read.Checkpoint(ctx, checkpointName(id))
	if err != nil {
		return "", st, err
	}
	raw, err := read.Checkpoint(ctx, stateName(id))
	if err != nil || raw == "" {
		return cp, st, err
	}
	return cp, st, json.Unmarshal([]byte(raw), &st)
}

// saveState writes the checkpoint (when pos is not "") and the state in
// one read-store transaction.
func saveState(ctx context.Context, read ontology.Store, id, pos string, st deliveryState) error {
	if len(st.Attempts) > KeptAttempts {
		st.Attempts = st.Attempts[:KeptAttempts]
	}
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	tx, err := read.Begin(ctx)
	if err != nil {
		return err
	}
	if pos != "" {
		if err := tx.SetCheckpoint(ctx, checkpointName(id), pos); err != nil {
			return errors.Join(err, tx.Rollback())
		}
	}
	if err := tx.SetCheckpoint(ctx, stateName(id), string(raw)); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// storable makes an error text safe to store and show: valid UTF-8, no
// NUL, bounded.
func storable(s string) string {
	s = strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "?")
	if len(s) > 300 {
		s = s[:300]
	}
	return strings.ToValidUTF8(s, "")
}

// Attempts returns the endpoint's last attempts, newest first.
func (s *Service) Attempts(ctx context.Context, id string) ([]Attempt, error) {
	if _, err := s.entry(ctx, id); err != nil {
		return nil, err
	}
	if s.cfg.Read == nil {
		return []Attempt{}, nil
	}
	_, st, err := loadState(ctx, s.cfg.Read, id)
	if err != nil {
		return nil, err
	}
	if st.Attempts == nil {
		st.Attempts = []Attempt{}
	}
	return st.Attempts, nil
}

// CheckpointNames are the read-store rows of every endpoint's deliveries
// (checkpoint and state), for a projections rebuild to carry them over
// instead of starting the endpoints again from their creation.
func CheckpointNames(ctx context.Context, s eventstore.Store, dec Decoder) ([]string, error) {
	x := NewIndex()
	if err := x.CatchUp(ctx, s, dec); err != nil {
		return nil, err
	}
	var out []string
	for _, e := range x.all() {
		out = append(out, checkpointName(e.state.ID), stateName(e.state.ID))
	}
	return out, nil
}
