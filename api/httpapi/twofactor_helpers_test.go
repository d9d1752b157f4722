package httpapi

import (
	"encoding/json"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/tooltest"
	"github.com/authledger/authledger/domain/totp"
)

const tfPassword = "correct horse 3"

// cookieNamed returns "name=value" of the Set-Cookie called name, or "".
func cookieNamed(r resp, name string) string {
	for _, c := range r.cookies {
		if strings.HasPrefix(c, name+"=") {
			return strings.SplitN(c, ";", 2)[0]
		}
	}
	return ""
}

// secretOf extracts the base32 secret of an otpauth URI.
func secretOf(t testing.TB, uri string) string {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "otpauth" {
		t.Fatalf("totpURI %q: %v", uri, err)
	}
	return u.Query().Get("secret")
}

// codeAt computes the TOTP code of secret at t with domain/totp.
func codeAt(t testing.TB, secret string, at time.Time) string {
	t.Helper()
	key, err := totp.DecodeSecret(secret)
	if err != nil {
		t.Fatal(err)
	}
	return totp.Code(key, totp.Step(at))
}

// oathCode computes the code with oathtool (an independent implementation),
// ending the test through tooltest when it is not installed.
func oathCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	oathtool := tooltest.LookPath(t, "oathtool", "apt-get install oathtool; .ci/run installs it")
	out, err := exec.Command(oathtool, "--totp", "-b", "--now", at.UTC().Format("2006-01-02 15:04:05 UTC"), secret).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// enrolled signs a person up and turns TOTP on; it returns the secret,
// the backup codes and the session cookie after enrolment.
func (h *harness) enrolled(email string) (secret string, codes []string, cookie string) {
	h.t.Helper()
	cookie, _ = h.signUp(email, tfPassword, "Alice A.")
	r := h.post("/two-factor/enable", `{"password":"`+tfPassword+`"}`, withCookie(cookie))
	if r.status != 200 {
		h.t.Fatalf("enable: %d %s", r.status, r.body)
	}
	var m struct {
		TOTPURI     string   `json:"totpURI"`
		BackupCodes []string `json:"backupCodes"`
	}
	if err := json.Unmarshal(r.body, &m); err != nil {
		h.t.Fatal(err)
	}
	secret, codes = secretOf(h.t, m.TOTPURI), m.BackupCodes
	r = h.post("/two-factor/verify-totp", `{"code":"`+codeAt(h.t, secret, h.clock.Now())+`"}`, withCookie(cookie))
	if r.status != 200 {
		h.t.Fatalf("verify-totp (enrolment): %d %s", r.status, r.body)
	}
	return secret, codes, cookieHeader(r)
}

// challenge signs in with the password and returns the two_factor cookie.
func (h *harness) challenge(email string, extra ...string) string {
	h.t.Helper()
	hdr := map[string]string{}
	if len(extra) > 0 {
		hdr["Cookie"] = strings.Join(extra, "; ")
	}
	r := h.post("/sign-in/email", `{"email":"`+email+`","password":"`+tfPassword+`"}`, hdr)
	if r.status != 200 || !strings.Contains(string(r.body), `"twoFactorRedirect":true`) {
		h.t.Fatalf("sign-in: %d %s", r.status, r.body)
	}
	return cookieNamed(r, "better-auth.two_factor")
}

// verify posts a code on the route with the cookie.
func (h *harness) verify(route, cookie, code string, trust bool) resp {
	h.t.Helper()
	body := `{"code":"` + code + `"}`
	if trust {
		body = `{"code":"` + code + `","trustDevice":true}`
	}
	return h.post("/two-factor/"+route, body, withCookie(cookie))
}

// count returns how many stored events have type typ.
func (h *harness) count(typ string) int {
	h.t.Helper()
	n := 0
	for _, ev := range h.events() {
		if ev.EventType() == typ {
			n++
		}
	}
	return n
}
