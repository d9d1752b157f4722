package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mail/mailtest"
	"github.com/authledger/authledger/domain/tooltest"
)

// The outbox mailer end to end: mail leaves from the log after the commit,
// survives a crash between the commit and the send, and organization
// invitations are mailed.

// mailServer starts "authledger serve" on one deployment (the same store on
// every call) with extra flags.
type mailServer struct {
	name  string
	start func(t *testing.T, extra ...string) *server
}

// mailServers are SQLite (one data directory) and, when
// AUTHLEDGER_TEST_POSTGRES is set, PostgreSQL (one fresh database).
func mailServers(t *testing.T) []mailServer {
	authledgerBinary(t)
	out := []mailServer{{"sqlite", func() func(*testing.T, ...string) *server {
		dir := t.TempDir()
		return func(t *testing.T, extra ...string) *server {
			return startServer(t, dir, append(append([]string{}, crashHashArgs...), extra...)...)
		}
	}()}}
	url := os.Getenv(tooltest.PostgresEnv)
	if url == "" && !tooltest.CI() {
		return out
	}
	url = tooltest.PostgresURL(t) // under CI=true an unset variable fails here
	db := newPGDatabase(t, url)
	return append(out, mailServer{"postgres", func(t *testing.T, extra ...string) *server {
		return startPGNode(t, db, extra...)
	}})
}

var e2eResetLinkRE = regexp.MustCompile(`/api/auth/reset-password/([A-Za-z0-9_-]+)\?callbackURL=`)

// TestMailSurvivesACrashBetweenCommitAndSend: the reset request commits
// while the SMTP server refuses every session; the server is killed
// (SIGKILL) before any send succeeded; after the restart the mail arrives,
// once, and its link resets the password.
func TestMailSurvivesACrashBetweenCommitAndSend(t *testing.T) {
	for _, ms := range mailServers(t) {
		t.Run(ms.name, func(t *testing.T) {
			sink := mailtest.Start(t)
			sink.FailNext(-1)
			smtp := []string{"--smtp-url", fmt.Sprintf("smtp://%s?from=noreply@example.com", sink.Addr())}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			client := &http.Client{Timeout: 30 * time.Second}
			s1 := ms.start(t, smtp...)
			if r := authCall(ctx, client, s1.URL, signUpCall("crash-mail@example.com", "Cora")); r.status != 200 {
				t.Fatalf("sign-up: %s", r)
			}
			r := authCall(ctx, client, s1.URL, pgCall{method: http.MethodPost, path: "request-password-reset",
				body: map[string]string{"email": "crash-mail@example.com", "redirectTo": "/reset"}})
			if r.status != 200 {
				t.Fatalf("request-password-reset: %s", r)
			}
			waitMail(t, "a refused send", func() bool { return sink.Refused() > 0 })
			s1.Kill()
			if n := len(sink.Messages()); n != 0 {
				t.Fatalf("%d messages before the restart, want none", n)
			}
			sink.FailNext(0)
			s2 := ms.start(t, smtp...)
			msgs := sink.Wait(1, time.Minute)
			if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "crash-mail@example.com" ||
				!strings.Contains(msgs[0].Data, "Message-ID: <") {
				t.Fatalf("after the restart got %+v, want the reset mail with a Message-ID", msgs)
			}
			m := e2eResetLinkRE.FindStringSubmatch(msgs[0].Data)
			if m == nil {
				t.Fatalf("no reset link in %q", msgs[0].Data)
			}
			r = authCall(ctx, client, s2.URL, pgCall{method: http.MethodPost, path: "reset-password",
				body: map[string]string{"token": m[1], "newPassword": "a brand new passphrase 7"}})
			if r.status != 200 {
				t.Fatalf("reset-password with the mailed token: %s", r)
			}
			if r := authCall(ctx, client, s2.URL, signInCall("crash-mail@example.com", "a brand new passphrase 7")); r.status != 200 {
				t.Fatalf("sign-in with the new password: %s", r)
			}
		})
	}
}

// TestInvitationIsMailed: inviting an address mails it the hosted
// page's accept link with the organization's name and the inviter.
func TestInvitationIsMailed(t *testing.T) {
	sink := mailtest.Start(t)
	s := startServer(t, t.TempDir(), append(append([]string{}, crashHashArgs...),
		"--smtp-url", fmt.Sprintf("smtp://%s?from=noreply@example.com", sink.Addr()))...)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client := &http.Client{Timeout: 30 * time.Second}
	owner := authCall(ctx, client, s.URL, signUpCall("olga@example.com", "Olga Owner"))
	if owner.status != 200 {
		t.Fatalf("sign-up: %s", owner)
	}
	org := authCall(ctx, client, s.URL, pgCall{method: http.MethodPost, path: "organization/create",
		body: map[string]string{"name": "Acme Corp", "slug": "acme-corp"}, cookie: owner.cookie})
	if org.status != 200 {
		t.Fatalf("organization/create: %s", org)
	}
	var created struct{ ID string }
	_ = json.Unmarshal(org.body, &created)
	inv := authCall(ctx, client, s.URL, pgCall{method: http.MethodPost, path: "organization/invite-member",
		body: map[string]string{"email": "bob@example.com", "role": "member", "organizationId": created.ID}, cookie: owner.cookie})
	if inv.status != 200 {
		t.Fatalf("organization/invite-member: %s", inv)
	}
	var invitation struct{ ID string }
	_ = json.Unmarshal(inv.body, &invitation)
	var got *mailtest.Received
	waitMail(t, "the invitation mail", func() bool {
		for _, m := range sink.Messages() {
			if len(m.To) == 1 && m.To[0] == "bob@example.com" {
				got = &m
				return true
			}
		}
		return false
	})
	link := s.URL + "/ui/accept-invitation?id=" + invitation.ID
	for _, want := range []string{link, "Acme Corp", "Olga Owner (olga@example.com)", "as member", "Message-ID: <"} {
		if !strings.Contains(got.Data, want) {
			t.Errorf("invitation mail %q lacks %q", got.Data, want)
		}
	}
	res, err := client.Get(link)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET %s: %v %v", link, res, err)
	}
	res.Body.Close()
}

// waitMail polls cond for up to a minute (a bound, not a timing assert).
func waitMail(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 6000 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s never happened", what)
}
