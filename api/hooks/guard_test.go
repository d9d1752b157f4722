package hooks_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/hooks"
	"github.com/authledger/authledger/domain/hook"
)

// answer is a Before that answers with a fixed decision or error (the
// operator's code; the HTTP implementation has its own tests).
type answer struct {
	d     hooks.Decision
	err   error
	calls int
	last  hooks.Request
}

func (a *answer) Check(_ context.Context, req hooks.Request) (hooks.Decision, error) {
	a.calls++
	a.last = req
	return a.d, a.err
}

func TestGuardDecisions(t *testing.T) {
	down := errors.New("connection refused")
	tests := []struct {
		name       string
		answer     answer
		failClosed bool
		wantErr    *hooks.Refusal
		reason     string
	}{
		{"allow", answer{d: hooks.Decision{Allow: true}}, false, nil, ""},
		{"refuse with everything", answer{d: hooks.Decision{Status: 400, Code: "NO_TESTERS", Message: "Go away"}}, false,
			&hooks.Refusal{Status: 400, Code: "NO_TESTERS", Message: "Go away"}, hook.ReasonRefused},
		{"refuse bare", answer{}, false, &hooks.Refusal{Status: 403, Code: hooks.CodeHookRefused, Message: "Refused"},
			hook.ReasonRefused},
		{"refuse with odd status and code", answer{d: hooks.Decision{Status: 302, Code: "lower case", Message: "a\x00b\nc"}},
			false, &hooks.Refusal{Status: 403, Code: hooks.CodeHookRefused, Message: "abc"}, hook.ReasonRefused},
		{"refuse with a long message", answer{d: hooks.Decision{Message: strings.Repeat("é", 400)}}, false,
			&hooks.Refusal{Status: 403, Code: hooks.CodeHookRefused, Message: strings.Repeat("é", 300)}, hook.ReasonRefused},
		{"down, fail open", answer{err: down}, false, nil, ""},
		{"down, fail closed", answer{err: down}, true,
			&hooks.Refusal{Status: 503, Code: hooks.CodeHookUnavailable}, hook.ReasonUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := apptest.New(t)
			g := hooks.New(env.App, hooks.Config{Before: &tt.answer, FailClosed: tt.failClosed})
			before := env.Head(t)
			caller := app.Caller{IP: "192.0.2.7", UserAgent: "test"}
			_, err := g.Check(context.Background(), caller, hooks.Request{Kind: hooks.SignUp, Email: "Ann@Blocked.Example"})
			if tt.answer.last.IP != "192.0.2.7" || tt.answer.last.UserAgent != "test" {
				t.Errorf("the hook was not told the caller: %+v", tt.answer.last)
			}
			var r *hooks.Refusal
			if tt.wantErr == nil {
				if err != nil || env.Head(t) != before {
					t.Fatalf("Check = %v (head moved: %v)", err, env.Head(t) != before)
				}
				return
			}
			if !errors.As(err, &r) || r.Status != tt.wantErr.Status || r.Code != tt.wantErr.Code ||
				(tt.wantErr.Message != "" && r.Message != tt.wantErr.Message) {
				t.Fatalf("Check = %#v, want %#v", err, tt.wantErr)
			}
			types := env.TypesSince(t, before)
			if len(types) != 1 || types[0] != hook.TypeRefused {
				t.Fatalf("appended %v, want one hook.refused", types)
			}
		})
	}
}

// TestGuardAsksOnlyConfiguredKinds: other kinds are allowed unasked; a
// nil guard allows everything.
func TestGuardAsksOnlyConfiguredKinds(t *testing.T) {
	env := apptest.New(t)
	a := &answer{}
	g := hooks.New(env.App, hooks.Config{Before: a, Kinds: []hooks.Kind{hooks.OrganizationCreate}})
	if _, err := g.Check(context.Background(), app.Caller{}, hooks.Request{Kind: hooks.SignUp}); err != nil || a.calls != 0 {
		t.Fatalf("sign-up: %v, %d calls", err, a.calls)
	}
	if _, err := g.Check(context.Background(), app.Caller{}, hooks.Request{Kind: hooks.OrganizationCreate}); err == nil || a.calls != 1 {
		t.Fatalf("organization.create: %v, %d calls", err, a.calls)
	}
	var none *hooks.Guard
	if none.Asks(hooks.SignIn) || hooks.New(env.App, hooks.Config{}) != nil {
		t.Fatal("no hook must mean a nil guard that asks nothing")
	}
	if d, err := none.Check(context.Background(), app.Caller{}, hooks.Request{Kind: hooks.SignIn}); err != nil || !d.Allow {
		t.Fatalf("nil guard: %v %v", d, err)
	}
}
