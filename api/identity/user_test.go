package identity_test

import (
	"slices"
	"testing"

	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/domain"
)

func ptr(s string) *string { return &s }

// TestUpdateUser drives UpdateUser: refusals append nothing; an update
// appends one profile event and the session index shows it.
func TestUpdateUser(t *testing.T) {
	e := newEnv(t, nil, identity.Config{Fields: domain.FieldSchema{
		{Name: "plan", Type: domain.FieldString, Input: true},
		{Name: "score", Type: domain.FieldNumber},
	}})
	a := e.signUp("ann@example.com")
	cases := []struct {
		name string
		in   identity.UpdateUserInput
		code domain.Code
	}{
		{"email", identity.UpdateUserInput{Fields: map[string]any{"email": "b@example.com"}}, domain.CodeEmailCannotUpdate},
		{"bad name", identity.UpdateUserInput{Name: ptr("a\nb")}, domain.CodeValidation},
		{"bad image", identity.UpdateUserInput{Image: ptr("javascript:alert(1)")}, domain.CodeValidation},
		{"wrong type", identity.UpdateUserInput{Fields: map[string]any{"plan": 3.0}}, domain.CodeValidation},
		{"not settable", identity.UpdateUserInput{Fields: map[string]any{"score": 1.0}}, domain.CodeFieldNotAllowed},
		{"role", identity.UpdateUserInput{Fields: map[string]any{"role": "admin"}}, domain.CodeFieldNotAllowed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := e.Head(t)
			c.in.Session = a
			if got := codeOf(e.svc.UpdateUser(e.ctx, c.in)); got != c.code {
				t.Fatalf("code %q, want %q", got, c.code)
			}
			if got := e.TypesSince(t, before); len(got) != 0 {
				t.Errorf("a refused update appended %v", got)
			}
		})
	}
	before := e.Head(t)
	in := identity.UpdateUserInput{SessionInput: identity.SessionInput{Session: a}, Name: ptr("Ann B."),
		Image: ptr("https://example.com/a.png"), Fields: map[string]any{"plan": "pro"}}
	if err := e.svc.UpdateUser(e.ctx, in); err != nil {
		t.Fatal(err)
	}
	if got := e.TypesSince(t, before); !slices.Equal(got, []string{"person.profile_updated"}) {
		t.Errorf("events %v", got)
	}
	u := e.authed(a.Token).User
	if u.Name != "Ann B." || u.Image != "https://example.com/a.png" || u.Fields["plan"] != "pro" {
		t.Errorf("user after update %+v", u)
	}
}

// TestChangePassword drives ChangePassword: policy and length refusals
// append nothing, a wrong current password is recorded, a change keeps the
// sessions unless asked to revoke them (then one fresh session remains).
func TestChangePassword(t *testing.T) {
	cases := []struct {
		name      string
		current   string
		next      string
		revoke    bool
		code      domain.Code
		events    []string
		newToken  bool
		oldAlive  bool
		signInNew bool
	}{
		{"too short", goodPW, "short", false, domain.CodePasswordTooShort, []string{}, false, true, false},
		{"current over-long", string(make([]byte, 2000)), "another horse 2", false, domain.CodePasswordTooLong, []string{}, false, true, false},
		{"wrong current", "wrong horse 1", "another horse 2", false, domain.CodeInvalidPassword,
			[]string{"account.password_change_failed"}, false, true, false},
		{"keep sessions", goodPW, "another horse 2", false, "", []string{"account.password_changed"}, false, true, true},
		{"revoke sessions", goodPW, "another horse 2", true, "",
			[]string{"account.password_changed", "session.revoked", "session.revoked", "session.created"}, true, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, nil, identity.Config{})
			a := e.signUp("ann@example.com")
			if _, err := e.svc.SignIn(e.ctx, identity.SignInInput{Email: "ann@example.com", Password: goodPW}); err != nil {
				t.Fatal(err)
			}
			before := e.Head(t)
			res, err := e.svc.ChangePassword(e.ctx, identity.ChangePasswordInput{SessionInput: identity.SessionInput{Session: a},
				Current: c.current, New: c.next, RevokeOtherSessions: c.revoke})
			if got := codeOf(err); got != c.code {
				t.Fatalf("error %v (code %q), want %q", err, got, c.code)
			}
			if got := e.TypesSince(t, before); !slices.Equal(got, c.events) {
				t.Errorf("events %v, want %v", got, c.events)
			}
			if (res.Token != "") != c.newToken || (c.code == "" && res.User.ID != a.User.ID) {
				t.Errorf("result %+v", res)
			}
			if _, found, _ := e.sess.Lookup(a.Token); found != c.oldAlive {
				t.Errorf("old session live %v, want %v", found, c.oldAlive)
			}
			if c.newToken && len(e.sess.All(a.User.ID)) != 1 {
				t.Errorf("%d sessions after revocation, want the fresh one", len(e.sess.All(a.User.ID)))
			}
			_, err = e.svc.SignIn(e.ctx, identity.SignInInput{Email: "ann@example.com", Password: c.next})
			if (err == nil) != c.signInNew {
				t.Errorf("sign-in with the new password: %v", err)
			}
		})
	}
}
