package orghttp

import (
	"bytes"
	"encoding/json"
	"testing"
)

// members returns members exercising every branch of memberJSON.appendJSON
// with strings s.
func members(s string) []memberJSON {
	img := "https://img/" + s
	return []memberJSON{
		{OrganizationID: "o1", UserID: "u1", Role: "owner", CreatedAt: "2026-12-07T10:00:00.000Z", ID: "m1",
			User: &memberUserJSON{ID: "u1", Name: s, Email: "a@b.io", Image: &img}},
		{OrganizationID: "o1", UserID: s, Role: "member," + s, CreatedAt: s, ID: s, User: &memberUserJSON{ID: s, Name: "", Email: s}},
		{OrganizationID: s, UserID: "u3", Role: "admin", CreatedAt: "c", ID: "m3"}, // no user
	}
}

// TestAppendMatchesEncodingJSON: the hand-written answers are byte for
// byte what encoding/json writes for the same values.
func TestAppendMatchesEncodingJSON(t *testing.T) {
	logo := "https://logo/<x>&"
	for _, s := range []string{"plain", `q"uote\back`, "<script>&amp;", "\x00\x1f\n\r\t\b\f\x7f", "é漢😀", "\xff\xfe", "\u2028\u2029"} {
		for _, full := range []fullOrgJSON{
			{orgJSON: orgJSON{Name: s, Slug: "slug", CreatedAt: "2026-01-01T00:00:00.000Z", Metadata: json.RawMessage(`{ "a" : "<b>" , "c": [1, 2] }`), ID: "o1"},
				Invitations: []invitationJSON{{OrganizationID: "o1", Email: s, Role: "member", Status: "pending", ID: "i1"}}, Members: members(s)},
			{orgJSON: orgJSON{Name: "n", Slug: s, Logo: &logo, Metadata: json.RawMessage("null"), ID: s}, Invitations: []invitationJSON{}, Members: []memberJSON{}},
			{orgJSON: orgJSON{Metadata: json.RawMessage("null")}},
		} {
			want, err := json.Marshal(full)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := full.encode(); err != nil || !bytes.Equal(got, want) {
				t.Errorf("full organization (%q):\ngot  %s\nwant %s (%v)", s, got, want, err)
			}
		}
		for _, page := range []membersPage{{Members: members(s), Total: 120}, {Members: []memberJSON{}}, {Total: -1}} {
			want, _ := json.Marshal(page)
			if got := page.encode(); !bytes.Equal(got, want) {
				t.Errorf("members page (%q):\ngot  %s\nwant %s", s, got, want)
			}
		}
	}
}

// FuzzMembersMatchEncodingJSON: members carry names and emails people
// chose; any string encodes as encoding/json encodes it.
func FuzzMembersMatchEncodingJSON(f *testing.F) {
	f.Add("Ann <a@b.io>", 3)
	f.Add("\xed\xa0\x80\u2028", 0)
	f.Fuzz(func(t *testing.T, s string, total int) {
		page := membersPage{Members: members(s), Total: total}
		want, _ := json.Marshal(page)
		if got := page.encode(); !bytes.Equal(got, want) {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	})
}
