package signin

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
)

var t0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// TestBackoffSchedule pins the documented default schedule: 5 free
// failures, then 1 s doubling, capped at 15 minutes.
func TestBackoffSchedule(t *testing.T) {
	b := DefaultBackoff()
	for _, c := range []struct {
		failures int
		want     time.Duration
	}{{0, 0}, {1, 0}, {5, 0}, {6, time.Second}, {7, 2 * time.Second}, {10, 16 * time.Second},
		{15, 512 * time.Second}, {16, 15 * time.Minute}, {1000, 15 * time.Minute}} {
		if got := b.Delay(c.failures); got != c.want {
			t.Errorf("Delay(%d) = %s, want %s", c.failures, got, c.want)
		}
	}
	if got := (Backoff{}).Delay(100); got != 0 {
		t.Errorf("zero backoff delays %s", got)
	}
	if got := (Backoff{Base: time.Hour}).Delay(1 << 20); got != 24*time.Hour {
		t.Errorf("uncapped backoff = %s, want the one-day ceiling", got)
	}
}

// fails returns n failures of one address, a second apart from t0.
func fails(n int) []domain.Event {
	var evs []domain.Event
	for i := 1; i <= n; i++ {
		evs = append(evs, Failed{AddressHash: "h", Reason: ReasonInvalid, Failures: i, At: t0.Add(time.Duration(i-1) * time.Second)})
	}
	return evs
}

// TestDecide covers every command: free failures, a refusal during the
// backoff (its audit event, the time left, no new count), the backoff's
// end, and clearing.
func TestDecide(t *testing.T) {
	b := DefaultBackoff()
	last := t0.Add(5 * time.Second) // the 6th failure's time
	tests := []struct {
		name    string
		given   []domain.Event
		when    Command
		then    []domain.Event
		wait    time.Duration // the ThrottledError's time left; 0: no error
		failAft int           // the count after the events
	}{
		{"free failures pass the check", fails(5), Check{AddressHash: "h", Backoff: b, At: t0.Add(5 * time.Second)}, nil, 0, 5},
		{"a failure counts", fails(5), Fail{AddressHash: "h", At: last},
			[]domain.Event{Failed{AddressHash: "h", Reason: ReasonInvalid, Failures: 6, At: last}}, 0, 6},
		{"the 6th failure waits 1 s", fails(6), Check{AddressHash: "h", Backoff: b, At: last.Add(200 * time.Millisecond)},
			[]domain.Event{Failed{AddressHash: "h", Reason: ReasonThrottled, Failures: 6, At: last.Add(200 * time.Millisecond)}},
			800 * time.Millisecond, 6},
		{"the backoff expires by itself", fails(6), Check{AddressHash: "h", Backoff: b, At: last.Add(time.Second)}, nil, 0, 6},
		{"throttled attempts do not extend it", append(fails(6),
			Failed{AddressHash: "h", Reason: ReasonThrottled, Failures: 6, At: last.Add(900 * time.Millisecond)}),
			Check{AddressHash: "h", Backoff: b, At: last.Add(time.Second)}, nil, 0, 6},
		{"clearing", fails(7), Clear{AddressHash: "h", Reason: ReasonPasswordReset, At: last},
			[]domain.Event{Cleared{AddressHash: "h", Reason: ReasonPasswordReset, Failures: 7, At: last}}, 0, 0},
		{"nothing to clear", nil, Clear{AddressHash: "h", Reason: ReasonSignedIn, At: last}, nil, 0, 0},
	}
	d := NewDecider()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Decide(d.Fold(tt.given), tt.when)
			var te *ThrottledError
			switch {
			case tt.wait == 0 && err != nil:
				t.Fatalf("err = %v", err)
			case tt.wait != 0 && (!errors.As(err, &te) || te.RetryAfter() != tt.wait || domain.CodeOf(err) != domain.CodeAccountLocked):
				t.Fatalf("err = %v, want throttled for %s", err, tt.wait)
			}
			if len(got) != len(tt.then) {
				t.Fatalf("events %+v, want %+v", got, tt.then)
			}
			for i := range got {
				if got[i] != tt.then[i] {
					t.Errorf("event %d = %+v, want %+v", i, got[i], tt.then[i])
				}
			}
			if st := d.Fold(append(tt.given, got...)); st.Failures != tt.failAft {
				t.Errorf("failures after = %d, want %d", st.Failures, tt.failAft)
			}
		})
	}
}
