package httpapi

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/passkeys"
	vw "github.com/descope/virtualwebauthn"
)

const pkOrigin = "http://localhost:8080"

// withPasskeyRP sets the relying party the virtual authenticator signs for.
func withPasskeyRP(c *Config) {
	c.Passkey = passkeys.Config{RPID: "localhost", RPName: "authledger", Origins: []string{pkOrigin}}
}

var goodRP = vw.RelyingParty{Name: "authledger", ID: "localhost", Origin: pkOrigin}

// device is a virtual authenticator holding one credential of a person.
type device struct {
	auth vw.Authenticator
	cred vw.Credential
}

// ceremonyCookie returns "name=value" of the passkey challenge cookie.
func ceremonyCookie(t testing.TB, r resp) string {
	t.Helper()
	c := cookieNamed(r, "better-auth.better-auth-passkey")
	if c == "" {
		t.Fatalf("no passkey cookie in %v", r.cookies)
	}
	return c
}

// registerOptions asks for creation options with the session cookie and
// returns them with the challenge cookie.
func (h *harness) registerOptions(session string) (*vw.AttestationOptions, string) {
	h.t.Helper()
	r := h.get("/passkey/generate-register-options", withCookie(session))
	if r.status != 200 {
		h.t.Fatalf("generate-register-options: %d %s", r.status, r.body)
	}
	ao, err := vw.ParseAttestationOptions(string(r.body))
	if err != nil {
		h.t.Fatal(err)
	}
	return ao, ceremonyCookie(h.t, r)
}

// attest builds the registration answer of a new device for personID.
func attest(rp vw.RelyingParty, personID string, ao *vw.AttestationOptions) (device, string) {
	d := device{auth: vw.NewAuthenticatorWithOptions(vw.AuthenticatorOptions{UserHandle: []byte(personID)}),
		cred: newEC2Credential()}
	return d, vw.CreateAttestationResponse(rp, d.auth, d.cred, *ao)
}

// verifyRegistration posts an attestation with the session and challenge cookies.
func (h *harness) verifyRegistration(session, challenge, response, name string) resp {
	h.t.Helper()
	body := `{"response":` + response + `}`
	if name != "" {
		body = `{"response":` + response + `,"name":"` + name + `"}`
	}
	return h.post("/passkey/verify-registration", body, withCookie(session+"; "+challenge))
}

// registered signs a person up and registers one passkey; it returns the
// session cookie, the person id and the device.
func (h *harness) registered(email string) (string, string, device) {
	h.t.Helper()
	session, r := h.signUp(email, tfPassword, "Alice A.")
	personID := userID(h.t, r)
	ao, ch := h.registerOptions(session)
	d, att := attest(goodRP, personID, ao)
	if r := h.verifyRegistration(session, ch, att, "laptop"); r.status != 200 {
		h.t.Fatalf("verify-registration: %d %s", r.status, r.body)
	}
	d.auth.AddCredential(d.cred)
	return session, personID, d
}

// authOptions asks for sign-in options without a session.
func (h *harness) authOptions() (*vw.AssertionOptions, string) {
	h.t.Helper()
	r := h.get("/passkey/generate-authenticate-options", nil)
	if r.status != 200 {
		h.t.Fatalf("generate-authenticate-options: %d %s", r.status, r.body)
	}
	ao, err := vw.ParseAssertionOptions(string(r.body))
	if err != nil {
		h.t.Fatal(err)
	}
	return ao, ceremonyCookie(h.t, r)
}

// assert signs the options with the device, its counter moved forward.
func (d *device) assert(rp vw.RelyingParty, ao *vw.AssertionOptions) string {
	d.cred.Counter++
	return vw.CreateAssertionResponse(rp, d.auth, d.cred, *ao)
}

// verifyAuthentication posts an assertion with the challenge cookie only.
func (h *harness) verifyAuthentication(challenge, response string) resp {
	h.t.Helper()
	hdr := map[string]string{}
	if challenge != "" {
		hdr["Cookie"] = challenge
	}
	return h.post("/passkey/verify-authentication", `{"response":`+response+`}`, hdr)
}

func userID(t testing.TB, r resp) string {
	t.Helper()
	var m struct {
		User struct {
			ID string `json:"id"`
		} `json:"user"`
	}
	if err := json.Unmarshal(r.body, &m); err != nil || m.User.ID == "" {
		t.Fatalf("no user id in %s: %v", r.body, err)
	}
	return m.User.ID
}

// errCode returns the code of an error body.
func errCode(r resp) string {
	var m struct {
		Code string `json:"code"`
	}
	_ = json.Unmarshal(r.body, &m)
	return m.Code
}

func hasCookie(r resp, prefix string) bool {
	for _, c := range r.cookies {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

// newEC2Credential draws a virtual P-256 credential whose COSE key has
// 32-byte coordinates. virtualwebauthn encodes them with big.Int.Bytes,
// so about one key in 128 has a short one, which go-webauthn rightly
// refuses (a real authenticator pads them); the test skips those keys.
func newEC2Credential() vw.Credential {
	for {
		c := vw.NewCredential(vw.KeyTypeEC2)
		if len(c.Key.AttestationData()) == 77 {
			return c
		}
	}
}

// passkeyRoutes are the mounted /passkey/... routes.
func (h *harness) passkeyRoutes() []route {
	var out []route
	for _, r := range h.srv.allAuthRoutes() {
		if strings.HasPrefix(r.Path, "/passkey/") {
			out = append(out, r)
		}
	}
	return out
}
