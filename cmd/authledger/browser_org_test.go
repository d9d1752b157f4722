package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserOrganizations: create an organization, invite a second
// person, accept as that person, switch organizations, change a role.
func TestBrowserOrganizations(t *testing.T) {
	srv := startServer(t, t.TempDir())
	b := newBrowser(t, srv.URL)
	alice, bob := b.person("alice"), b.person("bob")

	signUpInBrowser(alice, "Alice", "alice@example.com", "?next=/ui/organizations")
	alice.click("#signup-btn")
	alice.waitPath("/ui/organizations")
	alice.idle()
	alice.shot("organizations-empty")
	alice.fill("#org-name", "Acme Inc")
	if slug := eval[string](alice, `document.getElementById('org-slug').value`); slug != "acme-inc" {
		t.Errorf("suggested slug = %q, want acme-inc", slug)
	}
	alice.click("#create-btn")
	alice.waitFor("Acme listed", `document.querySelectorAll('#org-select option').length === 1`)
	alice.click("#switch-btn")
	alice.waitFor("Acme active", `document.getElementById('active-org').textContent === 'Active: Acme Inc'`)
	alice.shot("organizations")

	alice.open("/ui/organizations/members")
	alice.idle()
	alice.fill("#invite-email", "bob@example.com")
	alice.click("#invite-btn")
	alice.waitFor("pending invitation", `document.querySelector('#invitations a.invite-link')`)
	link := eval[string](alice, `document.querySelector('#invitations a.invite-link').getAttribute('href')`)
	alice.shot("members-invited")
	path := strings.TrimPrefix(link, srv.URL)
	if !strings.HasPrefix(path, "/ui/accept-invitation?id=") {
		t.Fatalf("invitation link = %q", link)
	}

	bob.open(path)
	bob.visible("#inv-signin")
	if eval[bool](bob, `getComputedStyle(document.getElementById('inv-actions')).display !== 'none'`) {
		t.Error("a signed-out visitor sees Accept and Decline")
	}
	bob.shot("invitation-signed-out")
	bob.click("#inv-signup-link")
	bob.waitPath("/ui/sign-up")
	bob.fill("#name", "Bob")
	bob.fill("#email", "bob@example.com")
	bob.fill("#password", browserPassword)
	bob.click("#signup-btn")
	bob.waitPath("/ui/accept-invitation")
	bob.visible("#inv-actions")
	bob.shot("invitation")
	bob.click("#accept-btn")
	bob.waitPath("/ui/organizations")
	bob.waitFor("Acme active for Bob", `document.getElementById('active-org').textContent === 'Active: Acme Inc'`)
	bob.waitFor("joined reported", `document.getElementById('org-status').textContent === 'You joined Acme Inc.'`)
	// A plain member is shown no controls they may not use.
	bob.open("/ui/organizations/members")
	bob.idle()
	bob.waitFor("two members", `document.querySelectorAll('#members tbody tr').length === 2`)
	if n := eval[int](bob, `document.querySelectorAll('#members select, #members button, #invitations button.danger').length`); n != 0 {
		t.Errorf("a plain member sees %d role selects or buttons", n)
	}
	if !eval[bool](bob, `document.getElementById('invite-card').hidden`) {
		t.Error("a plain member sees the invite form")
	}
	bob.shot("members-as-member")
	bob.open("/ui/organizations")
	bob.idle()
	if !eval[bool](bob, `document.getElementById('rename-form').hidden && document.getElementById('delete-org-btn').hidden && !document.getElementById('leave-btn').hidden`) {
		t.Error("a plain member sees rename or delete, or no leave")
	}

	bob.fill("#org-name", "Bobco")
	bob.click("#create-btn")
	bob.waitFor("two organizations", `document.querySelectorAll('#org-select option').length === 2`)
	switchWithKeyboard(bob, "Bobco")
	bob.waitFor("Bobco active", `document.getElementById('active-org').textContent === 'Active: Bobco'`)
	switchWithKeyboard(bob, "Acme")
	bob.waitFor("Acme active again", `document.getElementById('active-org').textContent === 'Active: Acme Inc'`)
	bob.shot("organizations-switched")

	alice.open("/ui/organizations/members")
	alice.idle()
	alice.waitFor("two members", `document.querySelectorAll('#members tbody tr').length === 2`)
	alice.do(selectOption(`#members select[aria-label="Role of Bob"]`, "admin"))
	alice.click(`#members button[aria-label="Save role of Bob"]`)
	alice.waitFor("Bob is admin", `[...document.querySelectorAll('#members tbody tr')].some(r => r.cells[0].textContent === 'Bob' && r.querySelector('select').value === 'admin')`)
	alice.idle()
	alice.shot("members")

	alice.fill("#invite-email", "carol@example.com")
	alice.click("#invite-btn")
	alice.waitFor("Carol invited", `document.querySelector('#invitations [data-invitation-id]')`)
	alice.click(`#invitations button[aria-label="Cancel invitation for carol@example.com"]`)
	alice.visible("#confirm-dialog")
	alice.click("#confirm-ok")
	alice.waitFor("no pending invitations", `!document.querySelector('#invitations [data-invitation-id]')`)
	alice.click(`#members button[aria-label="Remove Bob"]`)
	alice.visible("#confirm-dialog")
	alice.shot("remove-confirm")
	alice.click("#confirm-ok")
	alice.waitFor("Bob removed", `document.querySelectorAll('#members tbody tr').length === 1`)
	alice.waitFor("removal reported", `document.getElementById('members-status').textContent === 'Bob was removed.'`)
	alice.idle()
	alice.shot("members-after-removal")

	// The owner renames the organization, then creates and deletes one.
	alice.open("/ui/organizations")
	alice.idle()
	alice.visible("#rename-form")
	alice.fill("#rename-name", "Acme Corp")
	alice.click("#rename-btn")
	alice.waitFor("renamed", `document.getElementById('active-org').textContent === 'Active: Acme Corp' && document.getElementById('org-status').textContent === 'Saved: Acme Corp.'`)
	alice.fill("#org-name", "Temp Co")
	alice.click("#create-btn")
	alice.waitFor("Temp Co active", `document.getElementById('active-org').textContent === 'Active: Temp Co'`)
	alice.click("#delete-org-btn")
	alice.visible("#confirm-dialog")
	alice.shot("delete-organization-confirm")
	alice.click("#confirm-ok")
	alice.waitFor("Temp Co deleted", `document.getElementById('org-status').textContent === 'Temp Co was deleted.' && document.querySelectorAll('#org-select option').length === 1`)
	alice.shot("organization-deleted")
}

// switchWithKeyboard picks an organization in the switcher by typing its
// first letters, tabs to the Switch button and presses Enter.
func switchWithKeyboard(tb *tab, prefix string) {
	tb.b.t.Helper()
	tb.idle()
	tb.do(chromedp.Focus(chromedp.CSS("#org-select")), keys(prefix))
	if got := eval[string](tb, `document.getElementById('org-select').selectedOptions[0].textContent`); !strings.HasPrefix(got, prefix) {
		tb.b.t.Fatalf("typing %q in the switcher selects %q", prefix, got)
	}
	tb.do(keys("\t"))
	if id := eval[string](tb, `document.activeElement.id`); id != "switch-btn" {
		tb.b.t.Fatalf("Tab from the switcher focuses %q, want switch-btn", id)
	}
	tb.do(keys("\r"))
}
