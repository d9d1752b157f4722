package recovery_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mailer/mailertest"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/google/go-cmp/cmp"
)

// TestRequestReset: every valid address is accepted alike; only a known
// one is worked on (a token recorded, a link mailed to the stored
// address, built on the base URL); an invalid one is refused.
func TestRequestReset(t *testing.T) {
	tests := []struct {
		name     string
		email    string
		wantErr  error
		wantNew  map[string]int
		wantMail string // recipient, "" for none
	}{
		{"known", "ALICE@example.com", nil, map[string]int{account.TypePasswordResetRequested: 1}, "alice@example.com"},
		{"unknown", "ghost@example.com", nil, nil, ""},
		{"invalid", "not an address", recovery.ErrInvalidEmail, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &mailertest.Recorder{}
			f := newFixture(recovery.Config{Mailer: rec})
			defer f.Close()
			f.signUp("alice@example.com", "correct horse 1")
			before := f.Head(t)
			err := f.svc.RequestReset(context.Background(), recovery.RequestInput{Caller: caller, Email: tt.email, RedirectTo: "/reset"})
			f.svc.Wait()
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("RequestReset = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(f.CountsSince(t, before), tt.wantNew); diff != "" {
				t.Errorf("appended (-got +want):\n%s", diff)
			}
			msgs := rec.Messages()
			if tt.wantMail == "" {
				if len(msgs) != 0 {
					t.Errorf("got mail %+v, want none", msgs)
				}
				return
			}
			if len(msgs) != 1 || msgs[0].To != tt.wantMail || msgs[0].Subject != "Reset your password" ||
				!strings.Contains(msgs[0].Text, "http://127.0.0.1:8080/api/auth/reset-password/") ||
				!strings.Contains(msgs[0].Text, "?callbackURL=%2Freset") {
				t.Errorf("got mail %+v, want one link on the base URL to %s", msgs, tt.wantMail)
			}
		})
	}
}

// TestRequestResetStoresOnlyTheHash: the account holds the token's
// SHA-256 with a 1 h expiry; neither the log's records nor the logs hold
// the token.
func TestRequestResetStoresOnlyTheHash(t *testing.T) {
	rec := &mailertest.Recorder{}
	f := newFixture(recovery.Config{Mailer: rec})
	defer f.Close()
	personID, _ := f.signUp("alice@example.com", "correct horse 1")
	token := f.requestToken(rec, "alice@example.com")
	ctx := context.Background()
	p, _, err := app.Load(ctx, f.App, person.NewDecider(), domain.PersonStream(personID))
	must(err)
	acc, _, err := app.Load(ctx, f.App, account.NewDecider(), account.Stream(p.CredentialAccountID))
	must(err)
	if acc.ResetTokenHash != account.HashResetToken(token) || acc.ResetExpiresAt.Sub(f.Clock.Now()) != account.ResetTTL {
		t.Errorf("account holds %q until %v, want the token's SHA-256 for 1 h", acc.ResetTokenHash, acc.ResetExpiresAt)
	}
	for _, r := range f.Records(t) {
		if bytes.Contains(r.Data, []byte(token)) || bytes.Contains(r.Meta, []byte(token)) {
			t.Errorf("%s holds the token", r.Type)
		}
	}
	if strings.Contains(f.logs.String(), token) {
		t.Error("the logs hold the token")
	}
}

// TestRequestResetWithoutMailer: the request is worked on and logged as
// undeliverable, naming the person, never the address or the link.
func TestRequestResetWithoutMailer(t *testing.T) {
	f := newFixture(recovery.Config{})
	defer f.Close()
	personID, _ := f.signUp("alice@example.com", "correct horse 1")
	must(f.svc.RequestReset(context.Background(), recovery.RequestInput{Caller: caller, Email: "alice@example.com"}))
	f.svc.Wait()
	got := f.logs.String()
	if !strings.Contains(got, "undeliverable") || !strings.Contains(got, personID) ||
		strings.Contains(got, "alice@") || strings.Contains(got, "reset-password/") {
		t.Errorf("logs %q, want an undeliverable warning naming the person only", got)
	}
}

// TestRequestResetDefaultRedirect: a request that names no redirectTo gets
// a link to the configured default (the server's hosted reset page); one
// that names it keeps its own.
func TestRequestResetDefaultRedirect(t *testing.T) {
	tests := []struct {
		redirectTo, want string
	}{
		{"", "?callbackURL=%2Fui%2Freset-password"},
		{"/mine", "?callbackURL=%2Fmine"},
	}
	for _, tt := range tests {
		rec := &mailertest.Recorder{}
		f := newFixture(recovery.Config{Mailer: rec, DefaultRedirect: "/ui/reset-password"})
		f.signUp("alice@example.com", "correct horse 1")
		err := f.svc.RequestReset(context.Background(), recovery.RequestInput{Caller: caller, Email: "alice@example.com",
			RedirectTo: tt.redirectTo})
		f.svc.Wait()
		msgs := rec.Messages()
		f.Close()
		if err != nil || len(msgs) != 1 || !strings.Contains(msgs[0].Text, tt.want) {
			t.Errorf("redirectTo %q: err %v, mail %+v; want a link with %s", tt.redirectTo, err, msgs, tt.want)
		}
	}
}
