package httpapi

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authledger/authledger/api/hooks"
	"github.com/authledger/authledger/api/webhook"
	"github.com/authledger/authledger/api/webhook/sign"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/hook"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
)

const hookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

// hookMessage is what the receiver gets.
type hookMessage struct {
	Type string        `json:"type"`
	Data hooks.Request `json:"data"`
}

// hookRig is a harness whose before-hook is a real signed POST to an
// httptest receiver; answer decides each reply (nil: never answers).
type hookRig struct {
	*harness
	calls atomic.Int32
	mu    sync.Mutex
	seen  []hookMessage
}

// newHookRig starts the receiver and the server; answer may be swapped
// per test through the returned rig's receiver function.
func newHookRig(t *testing.T, failClosed bool, kinds []hooks.Kind, answer func(w http.ResponseWriter, m hookMessage),
	opts ...option) *hookRig {
	t.Helper()
	rig := &hookRig{}
	secret, _ := sign.ParseSecret(hookSecret)
	block := make(chan struct{})
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := secret.Verify(r.Header.Get(sign.HeaderID), r.Header.Get(sign.HeaderTimestamp),
			r.Header.Get(sign.HeaderSignature), body, time.Now()); err != nil {
			t.Errorf("receiver: %v", err)
		}
		var m hookMessage
		_ = json.Unmarshal(body, &m)
		rig.calls.Add(1)
		rig.mu.Lock()
		rig.seen = append(rig.seen, m)
		rig.mu.Unlock()
		if answer == nil {
			<-block
			return
		}
		answer(w, m)
	}))
	t.Cleanup(recv.Close)
	t.Cleanup(func() { close(block) })
	client, err := webhook.New(webhook.Config{URL: recv.URL, Secret: secret, Timeout: 300 * time.Millisecond,
		AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	opts = append(opts, func(c *Config) {
		c.Hooks = hooks.Config{Before: webhook.NewBeforeHook(client), Kinds: kinds, FailClosed: failClosed}
	})
	rig.harness = newHarness(t, opts...)
	return rig
}

// blockExample refuses addresses at blocked.example and sign-ins of
// "banned-by-hook@example.com"; it sets plan=pro for vip@ sign-ups.
func blockExample(w http.ResponseWriter, m hookMessage) {
	switch {
	case strings.HasSuffix(m.Data.Email, "@blocked.example"):
		_, _ = io.WriteString(w, `{"allow":false,"code":"EMAIL_DOMAIN_BLOCKED","message":"Sign-ups from blocked.example are not accepted"}`)
	case m.Data.Email == "banned-by-hook@example.com" && m.Data.Kind == hooks.SignIn:
		_, _ = io.WriteString(w, `{"allow":false,"status":400,"message":"Not today"}`)
	case m.Data.Email == "vip@example.com":
		_, _ = io.WriteString(w, `{"allow":true,"fields":{"plan":"pro"}}`)
	case m.Data.Email == "odd@example.com":
		_, _ = io.WriteString(w, `{"allow":true,"fields":{"plan":7}}`)
	default:
		_, _ = io.WriteString(w, `{"allow":true}`)
	}
}

// refusals returns the stored hook.refused events.
func (h *harness) refusals() []hook.Refused {
	var out []hook.Refused
	for _, ev := range h.events() {
		if r, ok := ev.(hook.Refused); ok {
			out = append(out, r)
		}
	}
	return out
}

func signUpBody(email string) string {
	return `{"email":"` + email + `","password":"correct horse 1","name":"Ann"}`
}

// TestBeforeHookRefusesSignUps: the done-when of the feature. A refused
// sign-up answers the hook's message and code in Better Auth's error
// shape, creates no person and records one hook.refused event, visible in
// /v1/audit/events; other addresses sign up.
func TestBeforeHookRefusesSignUps(t *testing.T) {
	h := newHookRig(t, false, nil, blockExample)
	r := h.post("/sign-up/email", signUpBody("mallory@blocked.example"), nil)
	if r.status != http.StatusForbidden {
		t.Fatalf("blocked sign-up: %d %s", r.status, r.body)
	}
	if got := r.json(t); got["code"] != "EMAIL_DOMAIN_BLOCKED" || got["message"] != "Sign-ups from blocked.example are not accepted" {
		t.Fatalf("blocked sign-up body %v", got)
	}
	if len(r.cookies) != 0 || h.count(person.TypeSignedUp) != 0 {
		t.Fatalf("a refused sign-up left cookies %v or a person (%v)", r.cookies, h.eventTypes())
	}
	refused := h.refusals()
	if len(refused) != 1 || refused[0].Kind != "sign-up" || refused[0].Reason != hook.ReasonRefused ||
		refused[0].Code != "EMAIL_DOMAIN_BLOCKED" || refused[0].EmailDomain != "blocked.example" || refused[0].PersonID != "" {
		t.Fatalf("refusal events %+v", refused)
	}
	if types := h.eventTypes(); len(types) != 1 {
		t.Fatalf("a refused sign-up wrote %v, want only its hook.refused", types)
	}
	h.signUp("ann@example.com", "correct horse 1", "Ann")
	rows, _ := pageRows(t, auditGet(h.harness, "/v1/audit/events?limit=100"))
	found := false
	for _, row := range rows {
		if row.Type == hook.TypeRefused {
			found = row.Outcome == "failure" && row.OWASP == "authz_fail"
		}
	}
	if !found {
		t.Fatalf("/v1/audit/events has no failed hook.refused row: %+v", rows)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.seen) != 2 || h.seen[1].Type != "before.sign-up" || h.seen[1].Data.Email != "ann@example.com" ||
		h.seen[1].Data.Provider != "credential" || h.seen[1].Data.Name != "Ann" {
		t.Fatalf("the hook saw %+v", h.seen)
	}
}

// TestBeforeHookSetsFields: an allowance's field values are stored like
// the client's (a hook may set fields clients may not); values that do
// not fit the schema follow the failure policy.
func TestBeforeHookSetsFields(t *testing.T) {
	schema := func(c *Config) {
		c.Fields = domain.FieldSchema{{Name: "plan", Type: domain.FieldString, Default: "free"}}
	}
	for _, closed := range []bool{false, true} {
		h := newHookRig(t, closed, nil, blockExample, schema)
		r := h.post("/sign-up/email", signUpBody("vip@example.com"), nil)
		if r.status != 200 || r.json(t)["user"].(map[string]any)["plan"] != "pro" {
			t.Fatalf("closed=%v: vip sign-up %d %s", closed, r.status, r.body)
		}
		r = h.post("/sign-up/email", signUpBody("odd@example.com"), nil)
		switch {
		case !closed && (r.status != 200 || r.json(t)["user"].(map[string]any)["plan"] != "free"):
			t.Fatalf("fail open: a bad field value should be ignored: %d %s", r.status, r.body)
		case closed && (r.status != 503 || r.json(t)["code"] != "BEFORE_HOOK_UNAVAILABLE"):
			t.Fatalf("fail closed: a bad field value should refuse: %d %s", r.status, r.body)
		}
	}
}

// TestBeforeHookSignIn: asked after a right password only, a refusal
// answers the hook's status and opens no session.
func TestBeforeHookSignIn(t *testing.T) {
	h := newHookRig(t, false, []hooks.Kind{hooks.SignIn}, blockExample)
	_, r := h.signUp("banned-by-hook@example.com", "correct horse 1", "B")
	if h.calls.Load() != 0 {
		t.Fatal("sign-up asked a hook configured for sign-in only")
	}
	personID := r.json(t)["user"].(map[string]any)["id"].(string)
	if r := h.post("/sign-in/email", `{"email":"banned-by-hook@example.com","password":"wrong password 1"}`, nil); r.status != 401 ||
		h.calls.Load() != 0 {
		t.Fatalf("wrong password: %d %s, %d hook calls", r.status, r.body, h.calls.Load())
	}
	sessions := h.count(session.TypeCreated)
	r = h.post("/sign-in/email", `{"email":"banned-by-hook@example.com","password":"correct horse 1"}`, nil)
	if r.status != 400 || r.json(t)["code"] != "REFUSED_BY_HOOK" || r.json(t)["message"] != "Not today" || len(r.cookies) != 0 {
		t.Fatalf("refused sign-in: %d %s %v", r.status, r.body, r.cookies)
	}
	if h.count(session.TypeCreated) != sessions || h.count(account.TypeSignInSucceeded) != 0 {
		t.Fatalf("a refused sign-in opened a session: %v", h.eventTypes())
	}
	if ref := h.refusals(); len(ref) != 1 || ref[0].Kind != "sign-in" || ref[0].PersonID != personID {
		t.Fatalf("refusals %+v", ref)
	}
	rows, _ := pageRows(t, auditGet(h.harness, "/v1/audit/events?limit=100&person="+personID))
	if rows[len(rows)-1].Type != hook.TypeRefused {
		t.Fatalf("the person's audit trail ends with %+v", rows[len(rows)-1])
	}
	h.signUp("ann@example.com", "correct horse 1", "Ann")
	if r := h.post("/sign-in/email", `{"email":"ann@example.com","password":"correct horse 1"}`, nil); r.status != 200 {
		t.Fatalf("allowed sign-in: %d %s", r.status, r.body)
	}
}

// TestBeforeHookUnavailable: a hook that times out, fails or answers
// garbage lets the action through when failing open and refuses it (503,
// recorded) when failing closed.
func TestBeforeHookUnavailable(t *testing.T) {
	answers := map[string]func(w http.ResponseWriter, m hookMessage){
		"timeout": nil,
		"5xx":     func(w http.ResponseWriter, _ hookMessage) { w.WriteHeader(http.StatusInternalServerError) },
		"garbage": func(w http.ResponseWriter, _ hookMessage) { _, _ = io.WriteString(w, `allow`) },
		"huge": func(w http.ResponseWriter, _ hookMessage) {
			_, _ = io.WriteString(w, `{"allow":false,"message":"`+strings.Repeat("x", webhook.DefaultMaxResponse)+`"}`)
		},
	}
	for name, answer := range answers {
		for _, closed := range []bool{false, true} {
			h := newHookRig(t, closed, nil, answer)
			r := h.post("/sign-up/email", signUpBody("ann@example.com"), nil)
			if !closed {
				if r.status != 200 || h.count(person.TypeSignedUp) != 1 || len(h.refusals()) != 0 {
					t.Errorf("%s, fail open: %d %s", name, r.status, r.body)
				}
				continue
			}
			if r.status != 503 || r.json(t)["code"] != "BEFORE_HOOK_UNAVAILABLE" || h.count(person.TypeSignedUp) != 0 {
				t.Errorf("%s, fail closed: %d %s %v", name, r.status, r.body, h.eventTypes())
			}
			if ref := h.refusals(); len(ref) != 1 || ref[0].Reason != hook.ReasonUnavailable ||
				ref[0].Code != "BEFORE_HOOK_UNAVAILABLE" {
				t.Errorf("%s, fail closed: refusals %+v", name, ref)
			}
		}
	}
}

// TestBeforeHookOrganizationCreate: a refused organization is not created.
func TestBeforeHookOrganizationCreate(t *testing.T) {
	h := newHookRig(t, false, []hooks.Kind{hooks.OrganizationCreate}, func(w http.ResponseWriter, m hookMessage) {
		if m.Data.Organization != nil && m.Data.Organization.Slug == "forbidden" {
			_, _ = io.WriteString(w, `{"allow":false,"code":"SLUG_RESERVED","message":"This slug is reserved"}`)
			return
		}
		_, _ = io.WriteString(w, `{"allow":true}`)
	})
	cookie, _ := h.signUp("ann@example.com", "correct horse 1", "Ann")
	r := h.post("/organization/create", `{"name":"Nope","slug":"forbidden"}`, withCookie(cookie))
	if r.status != 403 || r.json(t)["code"] != "SLUG_RESERVED" || h.count(group.TypeCreated) != 0 {
		t.Fatalf("refused organization: %d %s %v", r.status, r.body, h.eventTypes())
	}
	if ref := h.refusals(); len(ref) != 1 || ref[0].OrganizationSlug != "forbidden" || ref[0].PersonID == "" {
		t.Fatalf("refusals %+v", ref)
	}
	if r := h.post("/organization/create", `{"name":"Acme","slug":"acme"}`, withCookie(cookie)); r.status != 200 {
		t.Fatalf("allowed organization: %d %s", r.status, r.body)
	}
	if h.calls.Load() != 2 {
		t.Fatalf("hook calls = %d, want 2 (organizations only)", h.calls.Load())
	}
}

// TestNoHookNoGuard: without a hook the use cases get a nil guard.
func TestNoHookNoGuard(t *testing.T) {
	h := newHarness(t)
	if h.srv.beforeHooks() != nil {
		t.Fatal("a server without a hook built a guard")
	}
}
