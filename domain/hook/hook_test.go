package hook

import (
	"testing"
	"time"
)

func TestStreamAndFacts(t *testing.T) {
	tests := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 12, 7, 23, 59, 0, 0, time.UTC), "hook-2026-12-07"},
		{time.Date(2026, 12, 8, 0, 30, 0, 0, time.FixedZone("CET", 3600)), "hook-2026-12-07"},
	}
	for _, tt := range tests {
		if got := Stream(tt.at); got != tt.want {
			t.Errorf("Stream(%v) = %q, want %q", tt.at, got, tt.want)
		}
	}
	f := Facts()[0]
	if f.Type() != TypeRefused || !f.Failure || f.SubjectOf(Refused{PersonID: "P1"}) != "P1" || len(Events()) != 1 {
		t.Errorf("facts = %+v", f)
	}
}
