package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	vw "github.com/descope/virtualwebauthn"
)

// fullSubject is the person of the full erasure test: invited before
// signing up, member of two organizations, with two-factor and a passkey.
var fullSubject = struct{ Email, Name, IP, UA, Password string }{
	Email: "quentin.fullerasure@example.org", Name: "Quentin Oblivionsky",
	IP: "198.51.100.88", UA: "FullErasureAgent/7.1 (unique)", Password: "correct horse battery staple",
}

// neverSignedUp is an address invited by the owner that never gets an
// account: forget --email erases it.
const neverSignedUp = "ursula.never-signed-up@example.org"

// fullErasureArgs: the erasure arguments plus a relying party the virtual
// authenticator signs for.
func fullErasureArgs() []string {
	return append(erasureArgs(), "--rp-id", "localhost", "--rp-origins", e2eTrustedOrigin)
}

// fullNeedles are the values that must be gone after the erasure.
func fullNeedles() []string {
	f := fullSubject
	return []string{f.Email, f.Name, f.IP, f.UA}
}

// client is a Better Auth caller from one IP and agent, carrying the
// consistency token of its last answer.
type client struct {
	t       *testing.T
	s       *server
	ip, ua  string
	cookie  string
	token   string
	lastRaw []byte
}

// call sends method path with body (nil for none) and the client's
// cookie; it fails the test unless the answer is 200 and decodes it into
// out (when not nil).
func (c *client) call(method, path string, body any, out any) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.s.URL+"/api/auth"+path, rd)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", e2eTrustedOrigin)
	req.Header.Set("X-Forwarded-For", c.ip)
	req.Header.Set("User-Agent", c.ua)
	if c.cookie != "" {
		req.Header.Set("Cookie", c.cookie)
	}
	if c.token != "" {
		req.Header.Set("X-Consistency-Token", c.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	c.lastRaw = raw
	if res.StatusCode != http.StatusOK {
		c.t.Fatalf("%s %s: %d %s", method, path, res.StatusCode, raw)
	}
	if tok := res.Header.Get("X-Consistency-Token"); tok != "" {
		c.token = tok
	}
	var jar []string
	for _, ck := range res.Cookies() {
		if strings.HasSuffix(ck.Name, "session_token") || strings.Contains(ck.Name, "passkey") || strings.HasSuffix(ck.Name, "session_data") {
			jar = append(jar, ck.Name+"="+ck.Value)
		}
	}
	if len(jar) > 0 {
		c.cookie = mergeCookies(c.cookie, jar)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			c.t.Fatalf("%s %s: decode %s: %v", method, path, raw, err)
		}
	}
}

// mergeCookies replaces or adds the name=value pairs of add in jar.
func mergeCookies(jar string, add []string) string {
	m, order := map[string]string{}, []string{}
	for _, kv := range append(strings.Split(jar, "; "), add...) {
		if kv == "" {
			continue
		}
		name, _, _ := strings.Cut(kv, "=")
		if _, ok := m[name]; !ok {
			order = append(order, name)
		}
		m[name] = kv
	}
	out := make([]string, 0, len(order))
	for _, n := range order {
		out = append(out, m[n])
	}
	return strings.Join(out, "; ")
}

type idOnly struct {
	ID string `json:"id"`
}

type invitationRow struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

// fullScenario: the owner makes organizations A, B and C and invites the
// subject to A before the subject signs up; the subject signs up, is
// invited to B, accepts both, enrols two-factor and a passkey; the owner
// invites the subject to C (left pending) and invites an address that
// never signs up. It returns the subject's id, the owner's client and the
// organizations' ids by slug.
func fullScenario(t *testing.T, s *server) (subjectID string, owner *client, orgs map[string]string) {
	t.Helper()
	owner = &client{t: t, s: s, ip: "192.0.2.10", ua: "Owner/1.0"}
	owner.call("POST", "/sign-up/email", map[string]any{"email": "olga.owner@example.org", "password": "violet harbor lantern", "name": "Olga Owner"}, nil)
	orgs = map[string]string{}
	for _, slug := range []string{"erasure-a", "erasure-b", "erasure-c"} {
		var o idOnly
		owner.call("POST", "/organization/create", map[string]any{"name": "Org " + slug, "slug": slug}, &o)
		orgs[slug] = o.ID
	}
	var invA, invB idOnly
	owner.call("POST", "/organization/invite-member", map[string]any{"email": fullSubject.Email, "role": "member", "organizationId": orgs["erasure-a"]}, &invA)
	owner.call("POST", "/organization/invite-member", map[string]any{"email": neverSignedUp, "role": "member", "organizationId": orgs["erasure-a"]}, nil)

	sub := &client{t: t, s: s, ip: fullSubject.IP, ua: fullSubject.UA}
	var up struct {
		User idOnly `json:"user"`
	}
	sub.call("POST", "/sign-up/email", map[string]any{"email": fullSubject.Email, "password": fullSubject.Password, "name": fullSubject.Name}, &up)
	subjectID = up.User.ID
	owner.call("POST", "/organization/invite-member", map[string]any{"email": fullSubject.Email, "role": "admin", "organizationId": orgs["erasure-b"]}, &invB)
	sub.token = owner.token
	sub.call("POST", "/organization/accept-invitation", map[string]any{"invitationId": invA.ID}, nil)
	sub.call("POST", "/organization/accept-invitation", map[string]any{"invitationId": invB.ID}, nil)
	enrolTwoFactor(t, sub, fullSubject.Password)
	enrolPasskey(t, sub, subjectID)
	owner.token = sub.token
	owner.call("POST", "/organization/invite-member", map[string]any{"email": fullSubject.Email, "role": "member", "organizationId": orgs["erasure-c"]}, nil)
	return subjectID, owner, orgs
}

// enrolTwoFactor turns TOTP on for the client's person.
func enrolTwoFactor(t *testing.T, c *client, password string) {
	t.Helper()
	var en struct {
		TOTPURI string `json:"totpURI"`
	}
	c.call("POST", "/two-factor/enable", map[string]any{"password": password}, &en)
	u, err := url.Parse(en.TOTPURI)
	if err != nil || u.Query().Get("secret") == "" {
		t.Fatalf("totpURI %q: %v", en.TOTPURI, err)
	}
	c.call("POST", "/two-factor/verify-totp", map[string]any{"code": totpCode(t, u.Query().Get("secret"), uint64(time.Now().Unix()/30))}, nil)
}

// enrolPasskey registers a passkey of a virtual authenticator.
func enrolPasskey(t *testing.T, c *client, personID string) {
	t.Helper()
	c.call("GET", "/passkey/generate-register-options", nil, nil)
	ao, err := vw.ParseAttestationOptions(string(c.lastRaw))
	if err != nil {
		t.Fatal(err)
	}
	rp := vw.RelyingParty{Name: "authledger", ID: "localhost", Origin: e2eTrustedOrigin}
	auth := vw.NewAuthenticatorWithOptions(vw.AuthenticatorOptions{UserHandle: []byte(personID)})
	cred := vw.NewCredential(vw.KeyTypeEC2)
	for len(cred.Key.AttestationData()) != 77 { // see api/httpapi's newEC2Credential
		cred = vw.NewCredential(vw.KeyTypeEC2)
	}
	att := vw.CreateAttestationResponse(rp, auth, cred, *ao)
	c.call("POST", "/passkey/verify-registration", json.RawMessage(`{"response":`+att+`,"name":"laptop"}`), nil)
}

// pendingEmails lists the pending invitations' emails of an organization.
func pendingEmails(t *testing.T, owner *client, orgID string) []string {
	t.Helper()
	var rows []invitationRow
	owner.call("GET", "/organization/list-invitations?organizationId="+orgID, nil, &rows)
	var out []string
	for _, r := range rows {
		out = append(out, r.Email)
	}
	return out
}

// TestForgetEverywhereSQLite: the full scenario, then forget: no email,
// name, IP or user agent of the subject in the SQLite files (and WALs) or
// the server log, each found by the same scan before; the pending
// invitation shows the erased marker; forget --email erases the address
// of the invitee who never signed up.
func TestForgetEverywhereSQLite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, dir, fullErasureArgs()...)
	id, owner, orgs := fullScenario(t, s)
	orgA, orgC := orgs["erasure-a"], orgs["erasure-c"]
	if got := pendingEmails(t, owner, orgC); len(got) != 1 || got[0] != fullSubject.Email {
		t.Fatalf("pending invitations of C before the erasure: %v", got)
	}
	if got := pendingEmails(t, owner, orgA); len(got) != 1 || got[0] != neverSignedUp {
		t.Fatalf("pending invitations of A before the erasure: %v", got)
	}
	requireFoundIn(t, fullNeedles(), dataDirSources(t, dir, s.Stderr()))
	erasureForget(t, s, id)
	if got := pendingEmails(t, owner, orgC); len(got) != 1 || got[0] != "[erased]" {
		t.Errorf("pending invitations of C after the erasure: %v, want the erased marker", got)
	}
	requireAbsentIn(t, fullNeedles(), dataDirSources(t, dir, s.Stderr()))
	s.Stop()
	requireAbsentIn(t, fullNeedles(), dataDirSources(t, dir, s.Stderr()))

	out := runAuthledger(t, "forget", "--data-dir", dir, "--secret", e2eSecret, "--email", strings.ToUpper(neverSignedUp))
	if strings.Contains(strings.ToLower(out), neverSignedUp) || !strings.Contains(out, "erased") {
		t.Errorf("forget --email output: %s", out)
	}
	s = startServer(t, dir, fullErasureArgs()...)
	owner.s, owner.token = s, ""
	owner.call("POST", "/sign-in/email", map[string]any{"email": "olga.owner@example.org", "password": "violet harbor lantern"}, nil)
	for _, org := range []string{orgA, orgC} {
		if got := pendingEmails(t, owner, org); len(got) != 1 || got[0] != "[erased]" {
			t.Errorf("pending invitations of %s after both erasures: %v, want the erased marker", org, got)
		}
	}
}

// requireFoundIn fails unless every needle is in some source.
func requireFoundIn(t *testing.T, needles []string, sources map[string][]byte) {
	t.Helper()
	at := locate(needles, sources)
	for _, n := range needles {
		if len(at[n]) == 0 {
			t.Errorf("before the erasure the scan finds %q nowhere: the scan is blind", n)
		}
	}
}

// requireAbsentIn fails for every needle found in a source.
func requireAbsentIn(t *testing.T, needles []string, sources map[string][]byte) {
	t.Helper()
	for n, where := range locate(needles, sources) {
		t.Errorf("%q still in %v after the erasure", n, where)
	}
}
