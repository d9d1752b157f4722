package domain

import (
	"strings"
	"testing"
)

func TestValidNameAndImageURL(t *testing.T) {
	tests := []struct {
		name string
		err  error
		ok   bool
	}{
		{"name", ValidName("Ada Lovelace"), true},
		{"name at the limit", ValidName(strings.Repeat("é", MaxNameLen)), true},
		{"name too long", ValidName(strings.Repeat("é", MaxNameLen+1)), false},
		{"name with a control character", ValidName("Ada\u0007"), false},
		{"name not UTF-8", ValidName("\xff"), false},
		{"no image", ValidImageURL(""), true},
		{"https image", ValidImageURL("https://example.com/a.png"), true},
		{"javascript image", ValidImageURL("javascript:alert(1)"), false},
		{"image with a space", ValidImageURL("https://example.com/a b.png"), false},
		{"image too long", ValidImageURL("https://example.com/" + strings.Repeat("a", MaxImageURLLen)), false},
	}
	for _, tt := range tests {
		if (tt.err == nil) != tt.ok {
			t.Errorf("%s: err = %v, want ok=%v", tt.name, tt.err, tt.ok)
		}
	}
}
