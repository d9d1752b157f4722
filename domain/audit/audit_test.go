package audit

import (
	"testing"
	"time"
)

func TestStream(t *testing.T) {
	tests := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 11, 27, 23, 59, 0, 0, time.UTC), "audit-2026-11-27"},
		{time.Date(2026, 11, 28, 0, 30, 0, 0, time.FixedZone("CET", 3600)), "audit-2026-11-27"},
	}
	for _, tt := range tests {
		if got := Stream(tt.at); got != tt.want {
			t.Errorf("Stream(%v) = %q, want %q", tt.at, got, tt.want)
		}
	}
	if got := (Read{}).EventType(); got != TypeRead || len(Events()) != 1 {
		t.Errorf("EventType = %q, Events = %d", got, len(Events()))
	}
}
