package postgres

import (
	"context"
	"testing"
	"time"
)

// TestElector: one leader at a time; a standby acquires once the leader
// releases, and when the leader's connection is killed, lost closes and
// the standby takes over.
func TestElector(t *testing.T) {
	st := openTest(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	a, b := st.Elector("projections"), st.Elector("projections")
	a.Heartbeat, b.Heartbeat, b.Poll = 50*time.Millisecond, 50*time.Millisecond, 20*time.Millisecond
	lostA, releaseA, err := a.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	short, stop := context.WithTimeout(ctx, 300*time.Millisecond)
	if _, _, err := b.Acquire(short); err == nil {
		t.Fatal("two leaders at once")
	}
	stop()
	releaseA()
	select {
	case <-lostA:
		t.Fatal("release reported a lost lock")
	default:
	}
	lostB, releaseB, err := b.Acquire(ctx)
	if err != nil {
		t.Fatalf("standby after release: %v", err)
	}
	defer releaseB()
	// kill B's lock connection as a dying node would lose it
	var n int
	if err := st.pool.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_locks
		WHERE locktype = 'advisory' AND granted AND objsubid = 1
		  AND ((classid::bigint << 32) | objid::bigint) = ($1::bigint & x'FFFFFFFFFFFFFFFF'::bigint)`, b.key).Scan(&n); err != nil || n == 0 {
		t.Fatalf("terminate lock holder: %d %v", n, err)
	}
	select {
	case <-lostB:
	case <-ctx.Done():
		t.Fatal("lost did not close after the connection died")
	}
	_, releaseA2, err := a.Acquire(ctx)
	if err != nil {
		t.Fatalf("takeover: %v", err)
	}
	releaseA2()
}
