package httpapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/httpapi/passkeyhttp"
)

// nameRoute is one route that takes a display name or an image: how to
// send a value in the field under test.
type nameRoute struct {
	route string
	field string // "name" or "image"
	send  func(v string) resp
}

// TestOneValidatorPerField sends the same bad names and images to every
// route that takes a name (sign-up, update-user, organization create and
// update, the admin's create-user and update-user, passkey rename, API
// key creation) or an image/logo (sign-up, update-user, organization
// create and update, the admin's update-user): each refuses every one
// with 400 and appends nothing, and accepts the good value — the routes
// share one validator per field (domain.ValidName, domain.ValidImageURL).
func TestOneValidatorPerField(t *testing.T) {
	h := newHarness(t, withPasskeyRP)
	alice, _, _ := h.registered("alice@example.com")
	var list []passkeyhttp.PasskeyJSON
	if err := jsonUnmarshal(h.get("/passkey/list-user-passkeys", withCookie(alice)).body, &list); err != nil || len(list) != 1 {
		t.Fatalf("passkeys = %v, %v", list, err)
	}
	ada := h.signUpPerson("ada@example.com", "Ada")
	h.grantAdmin("ada@example.com")
	bob := h.signUpPerson("bob@example.com", "Bob")
	org := object(t, h.post("/organization/create", `{"name":"Acme","slug":"acme"}`, withCookie(alice)), 200)
	orgID := org["id"].(string)
	q := func(v string) string { b, _ := json.Marshal(v); return string(b) }
	admin := withCookie(ada.cookie)
	n := 0
	fresh := func() string { n++; return strings.Repeat("x", n) }
	routes := []nameRoute{
		{"POST /sign-up/email", "name", func(v string) resp {
			return h.post("/sign-up/email", `{"email":"`+fresh()+`@example.com","password":"correct horse 1","name":`+q(v)+`}`, nil)
		}},
		{"POST /sign-up/email", "image", func(v string) resp {
			return h.post("/sign-up/email", `{"email":"`+fresh()+`@example.com","password":"correct horse 1","name":"N","image":`+q(v)+`}`, nil)
		}},
		{"POST /update-user", "name", func(v string) resp { return h.post("/update-user", `{"name":`+q(v)+`}`, withCookie(bob.cookie)) }},
		{"POST /update-user", "image", func(v string) resp { return h.post("/update-user", `{"image":`+q(v)+`}`, withCookie(bob.cookie)) }},
		{"POST /organization/create", "name", func(v string) resp {
			return h.post("/organization/create", `{"name":`+q(v)+`,"slug":"o-`+fresh()+`"}`, withCookie(alice))
		}},
		{"POST /organization/create", "image", func(v string) resp {
			return h.post("/organization/create", `{"name":"Org","slug":"o-`+fresh()+`","logo":`+q(v)+`}`, withCookie(alice))
		}},
		{"POST /organization/update", "name", func(v string) resp {
			return h.post("/organization/update", `{"organizationId":"`+orgID+`","data":{"name":`+q(v)+`}}`, withCookie(alice))
		}},
		{"POST /organization/update", "image", func(v string) resp {
			return h.post("/organization/update", `{"organizationId":"`+orgID+`","data":{"logo":`+q(v)+`}}`, withCookie(alice))
		}},
		{"POST /admin/create-user", "name", func(v string) resp {
			return h.post("/admin/create-user", `{"email":"`+fresh()+`@example.com","password":"violet tangerine lamp","name":`+q(v)+`}`, admin)
		}},
		{"POST /admin/update-user", "name", func(v string) resp {
			return h.post("/admin/update-user", `{"userId":"`+bob.id+`","data":{"name":`+q(v)+`}}`, admin)
		}},
		{"POST /admin/update-user", "image", func(v string) resp {
			return h.post("/admin/update-user", `{"userId":"`+bob.id+`","data":{"image":`+q(v)+`}}`, admin)
		}},
		{"POST /passkey/update-passkey", "name", func(v string) resp {
			return h.post("/passkey/update-passkey", `{"id":"`+list[0].ID+`","name":`+q(v)+`}`, withCookie(alice))
		}},
		{"POST /v1/keys", "name", func(v string) resp {
			return h.operator("POST", "/v1/keys", `{"name":`+q(v)+`,"scopes":["metrics:read"]}`, adminKey)
		}},
	}
	bad := map[string][]string{
		"name": {"Ada\u202eexe.pdf", "Ada\u2066x", "\u200f", "   ", "Ada\u0007", "Ada\x00"},
		"image": {"javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:image/png;base64,AAAA", "/relative.png",
			"https://example.com/" + strings.Repeat("a", 100<<10), "https://example.com/a\u202e.png"},
	}
	good := map[string]string{"name": "Zoë 🧑\u200d💻", "image": "https://example.com/a.png"}
	for _, rt := range routes {
		for _, v := range bad[rt.field] {
			before := h.head()
			r := rt.send(v)
			if r.status != http.StatusBadRequest {
				t.Errorf("%s %s %.40q: %d %.200s, want 400", rt.route, rt.field, v, r.status, r.body)
			}
			if after := h.head(); after != before {
				t.Errorf("%s %s %.40q: appended events", rt.route, rt.field, v)
			}
		}
		if r := rt.send(good[rt.field]); r.status != http.StatusOK && r.status != http.StatusCreated {
			t.Errorf("%s %s good %q: %d %s", rt.route, rt.field, good[rt.field], r.status, r.body)
		}
	}
}
