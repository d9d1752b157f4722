package httpapi

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
)

// TestOrgChecklist53: a member cannot change roles, invite (admins or
// anyone) or act on another organization, whatever its active one; an
// admin cannot grant owner; the last owner can be neither removed nor
// demoted; a demotion applies on the next request, also when another node
// wrote it.
func TestOrgChecklist53(t *testing.T) {
	f := newOrgFixture(t)
	h, a, b := f.h, withCookie(f.alice), withCookie(f.bob)
	other := object(t, h.post("/organization/create", `{"name":"Globex","slug":"globex","keepCurrentActiveOrganization":true}`, a), 200)
	otherID := other["id"].(string)

	tests := []struct {
		name, path, body string
		status           int
		code             string
	}{
		{"member changes a role", "/organization/update-member-role", `{"memberId":"` + f.bobMID + `","role":"admin"}`,
			403, "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER"},
		{"member invites an admin", "/organization/invite-member", `{"email":"x@example.com","role":"admin"}`,
			403, "YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION"},
		{"member removes the owner", "/organization/remove-member", `{"memberIdOrEmail":"alice@example.com"}`,
			403, "YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_MEMBER"},
		{"member deletes the organization", "/organization/delete", `{"organizationId":"` + f.orgID + `"}`,
			403, "YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_ORGANIZATION"},
		{"another org: update", "/organization/update", `{"organizationId":"` + otherID + `","data":{"name":"x"}}`,
			400, "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"},
		{"another org: invite", "/organization/invite-member",
			`{"organizationId":"` + otherID + `","email":"x@example.com","role":"member"}`, 400, "MEMBER_NOT_FOUND"},
		{"another org: set-active", "/organization/set-active", `{"organizationId":"` + otherID + `"}`,
			400, "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"},
		{"another org: has-permission", "/organization/has-permission",
			`{"organizationId":"` + otherID + `","permissions":{"member":["create"]}}`, 400, "MEMBER_NOT_FOUND"},
		{"another org: leave", "/organization/leave", `{"organizationId":"` + otherID + `"}`, 400, "MEMBER_NOT_FOUND"},
		{"unknown org", "/organization/get-active-member", "", 400, "ORGANIZATION_NOT_FOUND"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r resp
			if tt.body == "" {
				r = h.get(tt.path+"?organizationId=NoSuchOrganization00000000000001", b)
			} else {
				r = h.post(tt.path, tt.body, b)
			}
			wantCode(t, r, tt.status, tt.code)
		})
	}
	wantCode(t, h.get("/organization/get-full-organization?organizationId="+otherID, b), 403,
		"YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION")
	wantCode(t, h.get("/organization/list-members?organizationSlug=globex", b), 403,
		"YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION")

	// the last owner
	wantCode(t, h.post("/organization/remove-member", `{"memberIdOrEmail":"alice@example.com"}`, a), 400,
		"YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER")
	aliceMID := object(t, h.get("/organization/get-active-member", a), 200)["id"].(string)
	wantCode(t, h.post("/organization/update-member-role", `{"memberId":"`+aliceMID+`","role":"admin"}`, a), 400,
		"YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER")

	// an admin cannot grant owner, but can invite
	object(t, h.post("/organization/update-member-role", `{"memberId":"`+f.bobMID+`","role":"admin"}`, a), 200)
	wantCode(t, h.post("/organization/invite-member", `{"email":"x@example.com","role":"owner"}`, b), 403,
		"YOU_ARE_NOT_ALLOWED_TO_INVITE_USER_WITH_THIS_ROLE")
	object(t, h.post("/organization/invite-member", `{"email":"x@example.com","role":"member"}`, b), 200)

	// demotion through another node on the same log: bob's next request
	// on this node is refused (the decision folds the stream's tail).
	node2 := newHarnessOn(t, h.store)
	if err := node2.srv.app.Index.WaitFor(context.Background(), h.head()); err != nil {
		t.Fatal(err)
	}
	object(t, node2.post("/organization/update-member-role", `{"memberId":"`+f.bobMID+`","role":"member","organizationId":"`+
		f.orgID+`"}`, a), 200)
	wantCode(t, h.post("/organization/invite-member", `{"email":"y@example.com","role":"member"}`, b), 403,
		"YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION")
	perm := h.post("/organization/has-permission", `{"permissions":{"invitation":["create"]}}`, b)
	if string(perm.body) != `{"error":null,"success":false}` {
		t.Errorf("has-permission after demotion: %s", perm.body)
	}
}

// TestConcurrentAccepts: eight sessions of the invitee accept the same
// invitation at once; exactly one becomes a member.
func TestConcurrentAccepts(t *testing.T) {
	h := newHarness(t)
	alice, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	object(t, h.post("/organization/create", `{"name":"Acme","slug":"acme"}`, withCookie(alice)), 200)
	inv := object(t, h.post("/organization/invite-member", `{"email":"bob@example.com","role":"member"}`, withCookie(alice)), 200)
	h.signUp("bob@example.com", "bob password 1", "Bob")
	const n = 8
	cookies := make([]string, n)
	for i := range cookies {
		cookies[i] = cookieHeader(h.post("/sign-in/email", `{"email":"bob@example.com","password":"bob password 1"}`, nil))
	}
	statuses := make([]int, n)
	bodies := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := h.post("/organization/accept-invitation", `{"invitationId":"`+inv["id"].(string)+`"}`, withCookie(cookies[i]))
			statuses[i], bodies[i] = r.status, string(r.body)
		}()
	}
	wg.Wait()
	ok := 0
	for i, st := range statuses {
		switch {
		case st == 200:
			ok++
		case st == 400 && (strings.Contains(bodies[i], "INVITATION_NOT_FOUND") ||
			strings.Contains(bodies[i], "USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION")):
		default:
			t.Errorf("accept %d: %d %s", i, st, bodies[i])
		}
	}
	if ok != 1 {
		t.Errorf("%d accepts succeeded, want 1", ok)
	}
	var page membersPage
	if err := json.Unmarshal(h.get("/organization/list-members", withCookie(alice)).body, &page); err != nil || page.Total != 2 {
		t.Errorf("members after concurrent accepts: %+v %v", page, err)
	}
}
