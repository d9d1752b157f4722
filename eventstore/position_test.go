package eventstore_test

import (
	"testing"

	"github.com/authledger/authledger/eventstore"
)

func TestParsePosition(t *testing.T) {
	tests := []struct {
		in      string
		want    eventstore.Position
		wantErr bool
	}{
		{"", eventstore.Position{}, false},
		{"0.0", eventstore.Position{}, false},
		{"0.42", eventstore.Position{Lo: 42}, false},
		{"7.9", eventstore.Position{Hi: 7, Lo: 9}, false},
		{"18446744073709551615.18446744073709551615", eventstore.Position{Hi: 1<<64 - 1, Lo: 1<<64 - 1}, false},
		{"42", eventstore.Position{}, true},
		{"1.2.3", eventstore.Position{}, true},
		{"-1.2", eventstore.Position{}, true},
		{"+1.2", eventstore.Position{}, true},
		{".", eventstore.Position{}, true},
		{"1.", eventstore.Position{}, true},
		{"18446744073709551616.0", eventstore.Position{}, true},
		{" 1.2", eventstore.Position{}, true},
		{"0x1.2", eventstore.Position{}, true},
	}
	for _, tt := range tests {
		got, err := eventstore.ParsePosition(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParsePosition(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestPositionOrder(t *testing.T) {
	ordered := []eventstore.Position{{}, {Lo: 1}, {Lo: 2}, {Hi: 1}, {Hi: 1, Lo: 5}, {Hi: 2}}
	for i := range ordered {
		for j := range ordered {
			if got, want := ordered[i].Less(ordered[j]), i < j; got != want {
				t.Errorf("%s.Less(%s) = %v, want %v", ordered[i], ordered[j], got, want)
			}
		}
	}
	if !(eventstore.Position{}).IsZero() || (eventstore.Position{Lo: 1}).IsZero() {
		t.Error("IsZero is wrong")
	}
}

// FuzzParsePosition: anything that parses prints back to itself (or is the
// empty zero position), so cursors round-trip exactly.
func FuzzParsePosition(f *testing.F) {
	for _, s := range []string{"", "0.0", "1.2", "18446744073709551615.1", "1.2.3", "-1.0", "00.01", "a.b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := eventstore.ParsePosition(s)
		if err != nil {
			return
		}
		again, err := eventstore.ParsePosition(p.String())
		if err != nil || again != p {
			t.Fatalf("ParsePosition(%q) = %v, but its String %q parses to %v, %v", s, p, p.String(), again, err)
		}
		if s != "" && len(s) > 41 {
			t.Fatalf("ParsePosition accepted %d bytes", len(s))
		}
	})
}
