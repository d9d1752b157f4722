package wire

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// FuzzAppendString checks the hand-written string encoder against
// encoding/json byte for byte.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", `q"uote\back`, "<&>", "\x00\x1f\n\r\t", "é漢😀", "\xff\xfe", "\u2028\u2029", "a\u2029b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}

// TestWireObjectsMatchEncodingJSON compares the fast encoders with a
// reflection-based encoding of the same keys in the same order: dates in
// Better Auth's format, empty image and organization as null.
func TestWireObjectsMatchEncodingJSON(t *testing.T) {
	created, updated := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC), time.Date(2026, 11, 27, 9, 0, 1, 999_999_999, time.FixedZone("e", 3600))
	far := time.Date(10001, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ img, org string }{{"https://x/<a>.png", "org\"1"}, {"", ""}} {
		u := UserJSON{Name: "Ann \"A\"", Email: "a@x.io", EmailVerified: true, Image: c.img, CreatedAt: created,
			UpdatedAt: updated, ID: "id1", Extra: map[string]any{"zeta": 1.5, "alpha": []any{"x", true}, "role": "admin"}}
		s := SessionJSON{ExpiresAt: far, Token: "t", CreatedAt: created, UpdatedAt: updated, IPAddress: "::1", UserAgent: "ua\u2028",
			UserID: "id1", ActiveOrganizationID: c.org, ID: "s1"}
		type plainUser struct {
			Name             string  `json:"name"`
			Email            string  `json:"email"`
			EmailVerified    bool    `json:"emailVerified"`
			Image            *string `json:"image"`
			CreatedAt        string  `json:"createdAt"`
			UpdatedAt        string  `json:"updatedAt"`
			TwoFactorEnabled bool    `json:"twoFactorEnabled"`
			ID               string  `json:"id"`
			Alpha            []any   `json:"alpha"`
			Zeta             float64 `json:"zeta"`
		}
		type plainSession struct {
			ExpiresAt            string  `json:"expiresAt"`
			Token                string  `json:"token"`
			CreatedAt            string  `json:"createdAt"`
			UpdatedAt            string  `json:"updatedAt"`
			IPAddress            string  `json:"ipAddress"`
			UserAgent            string  `json:"userAgent"`
			UserID               string  `json:"userId"`
			ActiveOrganizationID *string `json:"activeOrganizationId"`
			ID                   string  `json:"id"`
		}
		orNil := func(s string) *string {
			if s == "" {
				return nil
			}
			return &s
		}
		wantUser, _ := json.Marshal(plainUser{u.Name, u.Email, u.EmailVerified, orNil(c.img), ISOTime(created), ISOTime(updated),
			u.TwoFactorEnabled, u.ID, []any{"x", true}, 1.5})
		wantSession, _ := json.Marshal(plainSession{ISOTime(far), s.Token, ISOTime(created), ISOTime(updated), s.IPAddress, s.UserAgent,
			s.UserID, orNil(c.org), s.ID})
		got, err := SessionAndUser{Session: s, User: u}.AppendJSON(nil)
		want := []byte(`{"session":` + string(wantSession) + `,"user":` + string(wantUser) + `}`)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("got  %s\nwant %s", got, want)
		}
		viaJSON, _ := json.Marshal(map[string]any{"user": u})
		if !bytes.Equal(viaJSON, []byte(`{"user":`+string(wantUser)+`}`)) {
			t.Errorf("MarshalJSON path: %s", viaJSON)
		}
	}
}

// TestISOTimeMatchesFormat: the hand-written date formatting gives what
// time.Format gives for the layout, across zones, years and milliseconds.
func TestISOTimeMatchesFormat(t *testing.T) {
	east := time.FixedZone("east", 5*3600+1800)
	tests := []time.Time{
		time.Date(2026, 12, 7, 3, 4, 5, 6_789_000, time.UTC),
		time.Date(1999, 1, 31, 23, 59, 59, 999_999_999, time.UTC),
		time.Date(2026, 3, 1, 1, 0, 0, 0, east), // the previous day in UTC
		time.Date(9, 2, 3, 4, 5, 6, 7_000_000, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), // beyond four digits: Format's answer
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
		{},
		time.UnixMilli(1_764_000_000_123),
	}
	for _, tt := range tests {
		if got, want := ISOTime(tt), tt.UTC().Format("2006-01-02T15:04:05.000Z"); got != want {
			t.Errorf("ISOTime(%v) = %q, want %q", tt, got, want)
		}
	}
}
