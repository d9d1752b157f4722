package postgres_test

import (
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/postgres"
)

// TestNotifyWakesOtherStores: an append through one store wakes followers
// of another store on the same schema (another node) through NOTIFY.
func TestNotifyWakesOtherStores(t *testing.T) {
	// A long WakeInterval: no tick can stand in for the notification.
	a, schema := newStore(t, postgres.Options{WakeInterval: time.Minute})
	b := openStore(t, testURL(t), postgres.Options{Schema: schema})
	waitUntil(t, "a listens", func() bool { return a.ListenSessions() > 0 })
	for i := range 3 {
		changed := a.Changed()
		mustAppend(t, b, req("other-node", eventstore.Exactly(uint64(i)), 1))
		select {
		case <-changed:
		case <-time.After(guard):
			t.Fatalf("append %d through another store did not wake this one", i)
		}
	}
}

// TestLocalCommitWakes: a local append closes Changed before Append
// returns, without waiting for the notification.
func TestLocalCommitWakes(t *testing.T) {
	s, _ := newStore(t, postgres.Options{WakeInterval: time.Minute})
	changed := s.Changed()
	mustAppend(t, s, req("local", eventstore.NoStream, 1))
	select {
	case <-changed:
	default:
		t.Fatal("Changed still open after a local append returned")
	}
}
