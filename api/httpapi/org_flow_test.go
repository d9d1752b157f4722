package httpapi

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/orgs"
	"github.com/google/go-cmp/cmp"
)

var (
	orgKeys        = []string{"createdAt", "id", "logo", "metadata", "name", "slug"}
	memberKeys     = []string{"createdAt", "id", "organizationId", "role", "userId"}
	invitationKeys = []string{"createdAt", "email", "expiresAt", "id", "inviterId", "organizationId", "role", "status"}
)

// documentedOrgRoutes are the routes Better Auth's organization plugin
// serves (TestRouteAllowlist checks nothing else is registered).
var documentedOrgRoutes = map[string]bool{
	"POST /organization/accept-invitation": true, "POST /organization/cancel-invitation": true,
	"POST /organization/check-slug": true, "POST /organization/create": true, "POST /organization/delete": true,
	"GET /organization/get-active-member": true, "GET /organization/get-active-member-role": true,
	"GET /organization/get-full-organization": true, "GET /organization/get-invitation": true,
	"GET /organization/get-organization": true, "POST /organization/has-permission": true,
	"POST /organization/invite-member": true, "POST /organization/leave": true, "GET /organization/list": true,
	"GET /organization/list-invitations": true, "GET /organization/list-members": true,
	"GET /organization/list-user-invitations": true, "POST /organization/reject-invitation": true,
	"POST /organization/remove-member": true, "POST /organization/set-active": true,
	"POST /organization/update": true, "POST /organization/update-member-role": true,
}

// orgFixture is alice's organization with bob invited and joined.
type orgFixture struct {
	h              *harness
	alice, bob     string // cookies
	orgID, bobMID  string
	aliceID, bobID string
}

func object(t *testing.T, r resp, status int) map[string]any {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	return r.json(t)
}

// wantCode checks an error answer against Better Auth's status and code.
func wantCode(t *testing.T, r resp, status int, code string) {
	t.Helper()
	if r.status != status || !strings.Contains(string(r.body), `"code":"`+code+`"`) {
		t.Errorf("got %d %s, want %d %s", r.status, r.body, status, code)
	}
}

// newOrgFixture follows Better Auth's recorded exchange up to accept-invitation.
func newOrgFixture(t *testing.T, opts ...option) orgFixture {
	t.Helper()
	f := orgFixture{h: newHarness(t, opts...)}
	f.alice, _ = f.h.signUp("alice@example.com", "correct horse 1", "Alice")
	created := object(t, f.h.post("/organization/create", `{"name":"Acme","slug":"acme"}`, withCookie(f.alice)), 200)
	if diff := cmp.Diff(keys(created), []string{"createdAt", "id", "logo", "members", "name", "slug"}); diff != "" {
		t.Errorf("create keys (-got +want):\n%s", diff)
	}
	f.orgID = created["id"].(string)
	owner := created["members"].([]any)[0].(map[string]any)
	f.aliceID = owner["userId"].(string)
	if owner["role"] != "owner" || owner["organizationId"] != f.orgID || !slices.Equal(keys(owner), memberKeys) {
		t.Errorf("owner = %v", owner)
	}
	inv := object(t, f.h.post("/organization/invite-member", `{"email":"Bob@Example.com","role":"member"}`,
		withCookie(f.alice)), 200)
	if !slices.Equal(keys(inv), invitationKeys) || inv["status"] != "pending" || inv["email"] != "bob@example.com" ||
		inv["inviterId"] != f.aliceID || inv["organizationId"] != f.orgID {
		t.Errorf("invitation = %v", inv)
	}
	f.h.clock.Advance(time.Second) // members list oldest first
	var r resp
	f.bob, r = f.h.signUp("bob@example.com", "bob password 1", "Bob")
	f.bobID = r.json(t)["user"].(map[string]any)["id"].(string)
	acc := object(t, f.h.post("/organization/accept-invitation", `{"invitationId":"`+inv["id"].(string)+`"}`,
		withCookie(f.bob)), 200)
	member := acc["member"].(map[string]any)
	if acc["invitation"].(map[string]any)["status"] != "accepted" || member["userId"] != f.bobID || member["role"] != "member" {
		t.Errorf("accept = %v", acc)
	}
	f.bobMID = member["id"].(string)
	return f
}

// TestOrganizationTranscript follows Better Auth's recorded exchange: create, duplicate
// slug, list, set-active, invite, list-user-invitations, accept,
// get-full-organization, update-member-role, get-active-member.
func TestOrganizationTranscript(t *testing.T) {
	f := newOrgFixture(t)
	h := f.h
	wantCode(t, h.post("/organization/create", `{"name":"Acme 2","slug":"acme"}`, withCookie(f.alice)),
		400, "ORGANIZATION_ALREADY_EXISTS")

	var list []map[string]any
	r := h.get("/organization/list", withCookie(f.alice))
	if err := json.Unmarshal(r.body, &list); err != nil || len(list) != 1 || !slices.Equal(keys(list[0]), orgKeys) ||
		list[0]["logo"] != nil || list[0]["metadata"] != nil || list[0]["slug"] != "acme" {
		t.Fatalf("list: %d %s", r.status, r.body)
	}
	// create made Acme alice's active organization; set-active answers it
	sess := object(t, h.get("/get-session", withCookie(f.alice)), 200)["session"].(map[string]any)
	if sess["activeOrganizationId"] != f.orgID {
		t.Errorf("active organization after create = %v", sess["activeOrganizationId"])
	}
	set := object(t, h.post("/organization/set-active", `{"organizationId":"`+f.orgID+`"}`, withCookie(f.alice)), 200)
	if !slices.Equal(keys(set), orgKeys) || set["id"] != f.orgID {
		t.Errorf("set-active = %v", set)
	}
	// bob's email is not verified: Better Auth refuses to list by it
	wantCode(t, h.get("/organization/list-user-invitations", withCookie(f.bob)),
		403, "EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION")
	// accept made Acme bob's active organization too
	bobSess := object(t, h.get("/get-session", withCookie(f.bob)), 200)["session"].(map[string]any)
	if bobSess["activeOrganizationId"] != f.orgID {
		t.Errorf("bob's active organization = %v", bobSess["activeOrganizationId"])
	}

	full := object(t, h.get("/organization/get-full-organization", withCookie(f.alice)), 200)
	if diff := cmp.Diff(keys(full), []string{"createdAt", "id", "invitations", "logo", "members", "metadata", "name", "slug"}); diff != "" {
		t.Errorf("full keys (-got +want):\n%s", diff)
	}
	members := full["members"].([]any)
	if len(members) != 2 || members[1].(map[string]any)["user"].(map[string]any)["email"] != "bob@example.com" {
		t.Errorf("full members = %v", members)
	}

	role := object(t, h.post("/organization/update-member-role", `{"memberId":"`+f.bobMID+`","role":"admin"}`,
		withCookie(f.alice)), 200)
	if !slices.Equal(keys(role), memberKeys) || role["role"] != "admin" || role["userId"] != f.bobID {
		t.Errorf("update-member-role = %v", role)
	}
	wantCode(t, h.post("/organization/update-member-role",
		`{"memberId":"`+f.bobMID+`","role":"owner","organizationId":"`+f.orgID+`"}`, withCookie(f.bob)),
		403, "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER")

	active := object(t, h.get("/organization/get-active-member", withCookie(f.alice)), 200)
	if diff := cmp.Diff(keys(active), []string{"createdAt", "id", "organizationId", "role", "user", "userId"}); diff != "" {
		t.Errorf("active member keys (-got +want):\n%s", diff)
	}
	if diff := cmp.Diff(keys(active["user"]), []string{"email", "id", "image", "name"}); diff != "" {
		t.Errorf("active member user keys (-got +want):\n%s", diff)
	}
	if active["role"] != "owner" {
		t.Errorf("active member = %v", active)
	}
}

// TestOrganizationLifecycle covers the remaining routes: check-slug,
// update, get-organization, role, list-members, has-permission,
// invitations (get, list, cancel, reject, resend, expiry), remove, leave,
// delete.
func TestOrganizationLifecycle(t *testing.T) {
	f := newOrgFixture(t)
	h, a, b := f.h, withCookie(f.alice), withCookie(f.bob)

	wantCode(t, h.post("/organization/check-slug", `{"slug":"acme"}`, a), 400, "ORGANIZATION_SLUG_ALREADY_TAKEN")
	if r := h.post("/organization/check-slug", `{"slug":"free"}`, a); string(r.body) != `{"status":true}` {
		t.Errorf("check-slug free: %d %s", r.status, r.body)
	}
	up := object(t, h.post("/organization/update", `{"data":{"name":"Acme Inc.","slug":"acme-inc","metadata":{"plan":"pro"}}}`, a), 200)
	if up["slug"] != "acme-inc" || up["metadata"].(map[string]any)["plan"] != "pro" {
		t.Errorf("update = %v", up)
	}
	if r := h.post("/organization/check-slug", `{"slug":"acme"}`, a); r.status != 200 {
		t.Errorf("old slug not released: %d %s", r.status, r.body)
	}
	got := object(t, h.get("/organization/get-organization?organizationSlug=acme-inc", b), 200)
	if got["id"] != f.orgID {
		t.Errorf("get-organization by slug = %v", got)
	}
	if r := h.get("/organization/get-active-member-role?userId="+f.bobID, a); string(r.body) != `{"role":"member"}` {
		t.Errorf("get-active-member-role: %d %s", r.status, r.body)
	}
	page := object(t, h.get("/organization/list-members?limit=1&offset=1", b), 200)
	if page["total"] != 2.0 || len(page["members"].([]any)) != 1 ||
		page["members"].([]any)[0].(map[string]any)["userId"] != f.bobID {
		t.Errorf("list-members page = %v", page)
	}
	page = object(t, h.get("/organization/list-members?filterField=role&filterValue=owner", b), 200)
	if page["total"] != 1.0 {
		t.Errorf("list-members filtered = %v", page)
	}
	perm := h.post("/organization/has-permission", `{"permissions":{"member":["delete"]}}`, b)
	if string(perm.body) != `{"error":null,"success":false}` {
		t.Errorf("has-permission member: %s", perm.body)
	}
	perm = h.post("/organization/has-permission", `{"permissions":{"member":["delete"]}}`, a)
	if string(perm.body) != `{"error":null,"success":true}` {
		t.Errorf("has-permission owner: %s", perm.body)
	}

	carol, _ := h.signUp("carol@example.com", "violet sky 42 x", "Carol")
	c := withCookie(carol)
	inv := object(t, h.post("/organization/invite-member", `{"email":"carol@example.com","role":["admin"]}`, a), 200)
	id := inv["id"].(string)
	wantCode(t, h.post("/organization/invite-member", `{"email":"carol@example.com","role":"admin"}`, a),
		400, "USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION")
	h.clock.Advance(time.Hour)
	re := object(t, h.post("/organization/invite-member", `{"email":"carol@example.com","role":"admin","resend":true}`, a), 200)
	if re["id"] != id || re["expiresAt"] == inv["expiresAt"] {
		t.Errorf("resend = %v, first %v", re, inv)
	}
	det := object(t, h.get("/organization/get-invitation?id="+id, c), 200)
	if det["organizationName"] != "Acme Inc." || det["inviterEmail"] != "alice@example.com" {
		t.Errorf("get-invitation = %v", det)
	}
	wantCode(t, h.get("/organization/get-invitation?id="+id, b), 403, "YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION")
	var pending []map[string]any
	if err := json.Unmarshal(h.get("/organization/list-invitations", b).body, &pending); err != nil || len(pending) != 1 {
		t.Errorf("list-invitations = %v", pending)
	}
	rej := object(t, h.post("/organization/reject-invitation", `{"invitationId":"`+id+`"}`, c), 200)
	if rej["invitation"].(map[string]any)["status"] != "rejected" || rej["member"] != nil {
		t.Errorf("reject = %v", rej)
	}
	wantCode(t, h.post("/organization/accept-invitation", `{"invitationId":"`+id+`"}`, c), 400, "INVITATION_NOT_FOUND")

	inv = object(t, h.post("/organization/invite-member", `{"email":"dan@example.com","role":"member"}`, a), 200)
	can := object(t, h.post("/organization/cancel-invitation", `{"invitationId":"`+inv["id"].(string)+`"}`, a), 200)
	if can["status"] != "canceled" {
		t.Errorf("cancel = %v", can)
	}

	inv = object(t, h.post("/organization/invite-member", `{"email":"carol@example.com","role":"member"}`, a), 200)
	h.clock.Advance(orgs.DefaultInvitationExpiresIn)
	wantCode(t, h.post("/organization/accept-invitation", `{"invitationId":"`+inv["id"].(string)+`"}`, c),
		400, "INVITATION_EXPIRED")
	h.projected()
	if th, err := h.read.GetThing(context.Background(), inv["id"].(string)); err != nil || th.Status != "expired" {
		t.Errorf("expired invitation row: %+v %v", th, err)
	}
	wantCode(t, h.post("/organization/create", `{"name":"X","slug":"has space"}`, a), 400, "VALIDATION_ERROR")

	rm := object(t, h.post("/organization/remove-member", `{"memberIdOrEmail":"BOB@example.com"}`, a), 200)
	if rm["member"].(map[string]any)["userId"] != f.bobID {
		t.Errorf("remove-member = %v", rm)
	}
	wantCode(t, h.get("/organization/list-members?organizationId="+f.orgID, b), 403,
		"YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION")
	wantCode(t, h.post("/organization/leave", `{"organizationId":"`+f.orgID+`"}`, a), 400,
		"YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER")
	del := object(t, h.post("/organization/delete", `{"organizationId":"`+f.orgID+`"}`, a), 200)
	if del["id"] != f.orgID {
		t.Errorf("delete = %v", del)
	}
	if r := h.get("/organization/list", a); string(r.body) != `[]` {
		t.Errorf("list after delete: %s", r.body)
	}
	if r := h.post("/organization/check-slug", `{"slug":"acme-inc"}`, a); r.status != 200 {
		t.Errorf("slug not released on delete: %d %s", r.status, r.body)
	}
	sess := object(t, h.get("/get-session", a), 200)["session"].(map[string]any)
	if sess["activeOrganizationId"] != nil {
		t.Errorf("deleted organization still active: %v", sess)
	}
}
