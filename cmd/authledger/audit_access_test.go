package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// reviewRow is the part of an access-review row the test checks.
type reviewRow struct {
	PersonID       string     `json:"personId"`
	Erased         bool       `json:"erased"`
	Email          string     `json:"email"`
	OrganizationID string     `json:"organizationId"`
	Role           string     `json:"role"`
	GrantedBy      string     `json:"grantedBy"`
	Banned         bool       `json:"banned"`
	TwoFactor      bool       `json:"twoFactor"`
	Passkeys       int        `json:"passkeys"`
	ActiveSessions int        `json:"activeSessions"`
	LastSignInAt   *time.Time `json:"lastSignInAt"`
	CanSignIn      bool       `json:"canSignIn"`
}

type reviewReport struct {
	AsOf time.Time   `json:"asOf"`
	Rows []reviewRow `json:"rows"`
}

const reviewPassword = "violet harbor lantern"

// reviewArgs: cheap hashing and a relying party for the virtual passkey.
func reviewArgs() []string {
	return append([]string{"--rp-id", "localhost", "--rp-origins", e2eTrustedOrigin}, crashHashArgs...)
}

// accessHistory is the test's history on one server: sign-ups, an
// organization, invitations, a role change, two-factor on then off, a
// removal, a ban and an erasure. It returns the four review points (three
// positions and a time), the people's ids and the organization's id.
type accessHistory struct {
	points [4]string
	ids    map[string]string
	org    string
}

func buildAccessHistory(t *testing.T, dir string) accessHistory {
	t.Helper()
	h := accessHistory{ids: map[string]string{}}
	s := startServer(t, dir, reviewArgs()...)
	cl := map[string]*client{}
	for i, n := range []string{"alice", "bob", "carol", "dave"} {
		c := &client{t: t, s: s, ip: fmt.Sprintf("192.0.2.%d", 20+i), ua: "Review/1.0"}
		var up struct {
			User idOnly `json:"user"`
		}
		c.call("POST", "/sign-up/email", map[string]any{"email": n + ".review@example.org", "password": reviewPassword, "name": strings.ToUpper(n[:1]) + n[1:]}, &up)
		cl[n], h.ids[n] = c, up.User.ID
	}
	a, b, c := cl["alice"], cl["bob"], cl["carol"]
	var org idOnly
	a.call("POST", "/organization/create", map[string]any{"name": "Acme", "slug": "acme-review"}, &org)
	h.org = org.ID
	var inv idOnly
	a.call("POST", "/organization/invite-member", map[string]any{"email": "bob.review@example.org", "role": "member", "organizationId": org.ID}, &inv)
	var acc struct {
		Member idOnly `json:"member"`
	}
	b.token = a.token
	b.call("POST", "/organization/accept-invitation", map[string]any{"invitationId": inv.ID}, &acc)
	h.points[0] = b.token // P1: bob is a member invited by alice

	enrolTwoFactor(t, b, reviewPassword)
	enrolPasskey(t, b, h.ids["bob"])
	cl["dave"].call("POST", "/sign-in/email", map[string]any{"email": "dave.review@example.org", "password": reviewPassword}, nil)
	a.token = b.token
	a.call("POST", "/organization/update-member-role", map[string]any{"memberId": acc.Member.ID, "role": "admin", "organizationId": org.ID}, nil)
	a.call("POST", "/organization/invite-member", map[string]any{"email": "carol.review@example.org", "role": "member", "organizationId": org.ID}, &inv)
	c.token = a.token
	var accC struct {
		Member idOnly `json:"member"`
	}
	c.call("POST", "/organization/accept-invitation", map[string]any{"invitationId": inv.ID}, &accC)
	h.points[1] = c.token // P2: bob admin (granted by alice) with two-factor and a passkey, carol member, dave signed in
	s.Stop()

	runAuthledger(t, "people", "set-role", "--data-dir", dir, "--secret", e2eSecret, "alice.review@example.org", "admin")
	s = startServer(t, dir, reviewArgs()...)
	for _, x := range cl {
		x.s, x.token = s, ""
	}
	waitSession(t, b) // a restarted server knows the sessions once it has caught up with the log
	b.call("POST", "/two-factor/disable", map[string]any{"password": reviewPassword}, nil)
	a.call("POST", "/organization/remove-member", map[string]any{"memberIdOrEmail": accC.Member.ID, "organizationId": org.ID}, nil)
	a.call("POST", "/admin/ban-user", map[string]any{"userId": h.ids["dave"]}, nil)
	time.Sleep(20 * time.Millisecond)
	h.points[2] = time.Now().UTC().Format(time.RFC3339Nano) // P3: two-factor off, carol removed, dave banned
	time.Sleep(20 * time.Millisecond)
	erasureForget(t, s, h.ids["carol"]) // after P3: carol's email is unreadable at every point
	h.points[3] = s.ReadToken           // P4: carol erased
	s.Stop()
	return h
}

// TestAuditAccessReview: the access review at four points of a history
// equals hand-computed expectations and the read store that "replay
// --until" builds for the same point (where a person erased by then has
// no row, and the review marks them erased, unable to sign in, without
// sessions).
func TestAuditAccessReview(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	h := buildAccessHistory(t, dir)
	id := h.ids
	type want struct {
		role, grantedBy          string
		twoFactor, banned, canIn bool
	}
	expect := []map[string]want{
		{"alice": {"owner", "alice", false, false, true}, "bob": {"member", "alice", false, false, true},
			"carol": {"", "", false, false, true}, "dave": {"", "", false, false, true}},
		{"alice": {"owner", "alice", false, false, true}, "bob": {"admin", "alice", true, false, true},
			"carol": {"member", "alice", false, false, true}, "dave": {"", "", false, false, true}},
		{"alice": {"owner", "alice", false, false, true}, "bob": {"admin", "alice", false, false, true},
			"carol": {"", "", false, false, true}, "dave": {"", "", false, true, false}},
		{"alice": {"owner", "alice", false, false, true}, "bob": {"admin", "alice", false, false, true},
			"carol": {"", "", false, false, false}, "dave": {"", "", false, true, false}},
	}
	for i, p := range h.points {
		t.Run(fmt.Sprintf("P%d", i+1), func(t *testing.T) {
			rep := runReview(t, dir, p)
			got := map[string]reviewRow{}
			for _, r := range rep.Rows {
				got[r.PersonID] = r
			}
			if len(rep.Rows) != 4 {
				t.Errorf("%d rows, want 4: %+v", len(rep.Rows), rep.Rows)
			}
			for name, w := range expect[i] {
				r := got[id[name]]
				gb := ""
				if w.grantedBy != "" {
					gb = id[w.grantedBy]
				}
				if r.Role != w.role || r.GrantedBy != gb || r.TwoFactor != w.twoFactor || r.Banned != w.banned || r.CanSignIn != w.canIn {
					t.Errorf("%s: got %+v, want %+v", name, r, w)
				}
				if wantKeys := map[bool]int{true: 1}[name == "bob" && i > 0]; r.Passkeys != wantKeys {
					t.Errorf("%s: %d passkeys, want %d", name, r.Passkeys, wantKeys)
				}
				if signedIn := name == "dave" && i > 0; signedIn != (r.LastSignInAt != nil) {
					t.Errorf("%s: last sign-in %v, want one: %v", name, r.LastSignInAt, signedIn)
				}
				if (name == "carol") != (r.Erased && r.Email == "") || (name != "carol" && r.Email != name+".review@example.org") {
					t.Errorf("%s: erased %v, email %q", name, r.Erased, r.Email)
				}
			}
			into := filepath.Join(t.TempDir(), "replay")
			runAuthledger(t, "replay", "--until", p, "--into", into, "--data-dir", dir, "--secret", e2eSecret)
			compareWithReplay(t, rep, filepath.Join(into, "ontology.db"))
		})
	}
	csv := runAuthledger(t, "audit", "access-review", "--data-dir", dir, "--secret", e2eSecret, "--as-of", h.points[1], "--organization", "acme-review")
	if !strings.Contains(csv, `"personId","erased","email"`) || strings.Count(csv, h.org) != 3 {
		t.Errorf("CSV review of acme-review at P2 (want the header and three members):\n%s", csv)
	}
	if out, err := runAuthledgerErr(t, "audit", "access-review", "--data-dir", dir, "--secret", e2eSecret, "--as-of", "yesterday"); err == nil || !strings.Contains(out, "--as-of") {
		t.Errorf("a bad --as-of was accepted: %v %s", err, out)
	}
	if out, err := runAuthledgerErr(t, "audit", "access-review", "--data-dir", dir, "--secret", e2eSecret, "--as-of", h.points[0], "--organization", "no-such-org"); err == nil || !strings.Contains(out, "no such organization") {
		t.Errorf("an unknown organization was accepted: %v %s", err, out)
	}
}

// runReview runs the JSON access review at a point.
func runReview(t *testing.T, dir, at string) reviewReport {
	t.Helper()
	out, err := runAuthledgerErr(t, "audit", "access-review", "--data-dir", dir, "--secret", e2eSecret, "--as-of", at, "--format", "json")
	if err != nil {
		t.Fatalf("access-review: %v\n%s", err, out)
	}
	var rep reviewReport
	i := strings.Index(out, `{"asOf"`)
	if i < 0 || json.NewDecoder(strings.NewReader(out[i:])).Decode(&rep) != nil {
		t.Fatalf("no JSON report in:\n%s", out)
	}
	return rep
}

// personView is what both the review and a read store say of a person.
type personView struct {
	Email, LastSignIn, Memberships string
	Banned, TwoFactor              bool
	Passkeys, Sessions             int
}

// compareWithReplay checks the review against the replayed read store:
// the same people with the same email, ban, two-factor, last sign-in,
// passkeys, sessions live at the review's time, and memberships (org and
// role).
func compareWithReplay(t *testing.T, rep reviewReport, ontologyDB string) {
	t.Helper()
	fromReview := map[string]personView{}
	members := map[string][]string{}
	for _, r := range rep.Rows {
		v := personView{Email: r.Email, Banned: r.Banned, TwoFactor: r.TwoFactor, Passkeys: r.Passkeys, Sessions: r.ActiveSessions}
		if r.LastSignInAt != nil {
			v.LastSignIn = r.LastSignInAt.UTC().Format(time.RFC3339Nano)
		}
		if r.OrganizationID != "" {
			members[r.PersonID] = append(members[r.PersonID], r.OrganizationID+":"+r.Role)
		}
		fromReview[r.PersonID] = v
	}
	for id, v := range fromReview {
		sort.Strings(members[id])
		v.Memberships = strings.Join(members[id], ",")
		fromReview[id] = v
	}
	db, err := sql.Open("sqlite", ontologyDB+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fromReplay := map[string]personView{}
	rows, err := db.Query(`SELECT p.id, p.email, p.status = 'banned', p.two_factor_enabled, coalesce(p.last_sign_in_at, ''),
		(SELECT count(*) FROM things WHERE kind = 'passkey' AND owner_id = p.id AND status = 'active'),
		(SELECT count(*) FROM things WHERE kind = 'session' AND owner_id = p.id AND status = 'active' AND expires_at > ?),
		coalesce((SELECT group_concat(to_id || ':' || role, ',') FROM (SELECT to_id, role FROM connections
			WHERE relation = 'member_of' AND from_id = p.id ORDER BY to_id || ':' || role)), '')
		FROM people p`, rep.AsOf.UTC().Format(time.RFC3339Nano))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var v personView
		if err := rows.Scan(&id, &v.Email, &v.Banned, &v.TwoFactor, &v.LastSignIn, &v.Passkeys, &v.Sessions, &v.Memberships); err != nil {
			t.Fatal(err)
		}
		if v.LastSignIn != "" {
			if ts, err := time.Parse(time.RFC3339Nano, v.LastSignIn); err == nil {
				v.LastSignIn = ts.UTC().Format(time.RFC3339Nano)
			}
		}
		fromReplay[id] = v
	}
	gone := 0
	for _, r := range rep.Rows {
		if _, ok := fromReplay[r.PersonID]; !ok && r.Erased && !r.CanSignIn && r.ActiveSessions == 0 && r.OrganizationID == "" {
			gone++ // erased by then: the projections dropped the person
			delete(fromReview, r.PersonID)
		}
	}
	if len(fromReplay) != len(fromReview) {
		t.Errorf("replay has %d people, the review %d (and %d erased)", len(fromReplay), len(fromReview), gone)
	}
	for id, v := range fromReview {
		if r, ok := fromReplay[id]; !ok || r != v {
			t.Errorf("person %s: review %+v, replay %+v", id, v, r)
		}
	}
}

// waitSession waits until the client's session cookie is recognised.
func waitSession(t *testing.T, c *client) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		req, _ := http.NewRequest(http.MethodGet, c.s.URL+"/api/auth/get-session", nil)
		req.Header.Set("Cookie", c.cookie)
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK && strings.TrimSpace(string(b)) != "null" {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the restarted server does not recognise the session: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
