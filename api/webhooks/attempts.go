package webhooks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/authledger/authledger/domain/webhookendpoint"
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

// checkpointPrefix starts every endpoint's read-store rows.
const checkpointPrefix = "webhook."

// CheckpointNames are the read-store rows of every endpoint's deliveries
// (checkpoint and state) that a projections rebuild carries over, instead
// of starting the endpoints again from their creation: the rows the read
// store holds, but a deleted endpoint's. It reads the rows' names, then
// the stream of each endpoint they name, never the whole log.
func CheckpointNames(ctx context.Context, read ontology.Store, s eventstore.Store, dec Decoder) ([]string, error) {
	names, err := read.CheckpointNames(ctx, checkpointPrefix)
	if err != nil {
		return nil, err
	}
	live := map[string]bool{}
	var out []string
	for _, name := range names {
		id := strings.TrimSuffix(strings.TrimPrefix(name, checkpointPrefix), ".state")
		is, seen := live[id]
		if !seen {
			if is, err = endpointLive(ctx, s, dec, id); err != nil {
				return nil, err
			}
			live[id] = is
		}
		if is {
			out = append(out, name)
		}
	}
	return out, nil
}

// endpointLive reports whether the endpoint's stream holds an endpoint
// not deleted.
func endpointLive(ctx context.Context, s eventstore.Store, dec Decoder, id string) (bool, error) {
	recs, err := s.ReadStream(ctx, webhookendpoint.StreamPrefix+id, 0)
	if err != nil {
		return false, err
	}
	var st webhookendpoint.State
	for _, r := range recs {
		ev, _, err := dec.Decode(ctx, r)
		if err != nil {
			return false, fmt.Errorf("webhooks: decode %s at %s: %w", r.Type, r.Position, err)
		}
		st = webhookendpoint.Evolve(st, ev)
	}
	return st.Exists && !st.Deleted, nil
}
