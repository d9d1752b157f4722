package person

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
)

// TestBanReasonIsALabel: a ban's reason is bounded and carries no control
// or bidirectional override characters.
func TestBanReasonIsALabel(t *testing.T) {
	s := State{Exists: true, ID: "p1"}
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		reason string
		ok     bool
	}{
		{"spam", true},
		{"", true},
		{strings.Repeat("x", MaxBanReasonLen), true},
		{strings.Repeat("x", MaxBanReasonLen+1), false},
		{"spam\u202egnp.exe", false},
		{"line\nbreak", false},
	}
	for _, tt := range tests {
		_, err := Decide(s, Ban{Reason: tt.reason, At: at})
		var de *domain.Error
		if tt.ok != (err == nil) || (err != nil && (!errors.As(err, &de) || de.Code != domain.CodeValidation)) {
			t.Errorf("ban reason %.20q: %v, want ok=%v", tt.reason, err, tt.ok)
		}
	}
}
