package web

import (
	"math"
	"strings"
	"testing"
)

// TestContrastRatio: known pairs from the WCAG definition and common
// tools (black on white is 21:1, a colour on itself 1:1).
func TestContrastRatio(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"#000", "#fff", 21},
		{"#ffffff", "#000000", 21},
		{"#777", "#777", 1},
		{"#777777", "#ffffff", 4.48},
		{"#767676", "#ffffff", 4.54},
		{"#3b5bdb", "#ffffff", 5.66},
		{"#ff0000", "#ffffff", 4.00},
		{"#0000ff", "#ffffff", 8.59},
		{"#595959", "#ffffff", 7.00},
	} {
		got, err := ContrastRatio(c.a, c.b)
		if err != nil {
			t.Fatalf("%s/%s: %v", c.a, c.b, err)
		}
		if math.Abs(got-c.want) > 0.01 {
			t.Errorf("ContrastRatio(%s, %s) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
	if _, err := ContrastRatio("red", "#fff"); err == nil {
		t.Error("a named colour was accepted")
	}
}

// TestCheckContrast: unreadable brand colours are refused with the
// computed ratio in the message; readable ones pass.
func TestCheckContrast(t *testing.T) {
	for _, c := range []struct {
		primary, bg string
		wantErr     string
	}{
		{"#3b5bdb", "#f4f5f7", ""},
		{"#aa0011", "#fff", ""},
		{"#ffcc00", "#f4f5f7", "1.51:1"},
		{"#3b5bdb", "#333333", "2.23:1"},
		{"", "#333333", "1.32:1"},
		{"#777777", "", "4.48:1"},
	} {
		err := checkContrast(c.primary, c.bg)
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s on %s refused: %v", c.primary, c.bg, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%s on %s: err = %v, want one naming %s", c.primary, c.bg, err, c.wantErr)
		}
	}
}

// TestDarkAccent: the dark theme's accent is readable on its cards and
// keeps a colour that already is.
func TestDarkAccent(t *testing.T) {
	for _, p := range []string{"#3b5bdb", "#000000", "#aa0011", "#ffcc00"} {
		a := darkAccent(p)
		r, err := ContrastRatio(a, darkSurface)
		if err != nil || r < MinTextContrast {
			t.Errorf("darkAccent(%s) = %s: ratio %.2f on %s, err %v", p, a, r, darkSurface, err)
		}
	}
	if got := darkAccent("#ffcc00"); got != "#ffcc00" {
		t.Errorf("darkAccent(#ffcc00) = %s, want it unchanged", got)
	}
}
