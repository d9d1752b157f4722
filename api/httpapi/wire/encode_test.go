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
// reflection-based encoding of the same keys in the same order.
func TestWireObjectsMatchEncodingJSON(t *testing.T) {
	img, org := "https://x/<a>.png", "org\"1"
	u := UserJSON{Name: "Ann \"A\"", Email: "a@x.io", EmailVerified: true, Image: &img, CreatedAt: "2026-11-27T09:00:00.000Z",
		UpdatedAt: "2026-11-27T09:00:01.000Z", ID: "id1", Extra: map[string]any{"zeta": 1.5, "alpha": []any{"x", true}, "role": "admin"}}
	s := SessionJSON{ExpiresAt: "e", Token: "t", CreatedAt: "c", UpdatedAt: "u", IPAddress: "::1", UserAgent: "ua\u2028",
		UserID: "id1", ActiveOrganizationID: &org, ID: "s1"}
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
	type plainSession SessionJSON
	wantUser, _ := json.Marshal(plainUser{u.Name, u.Email, u.EmailVerified, u.Image, u.CreatedAt, u.UpdatedAt,
		u.TwoFactorEnabled, u.ID, []any{"x", true}, 1.5})
	wantSession, _ := json.Marshal(plainSession(s))
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
