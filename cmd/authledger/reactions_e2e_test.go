package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mail/mailtest"
	"github.com/authledger/authledger/api/reactions"
)

// uaTransport sends every request with one user agent, as one browser.
type uaTransport struct{ ua string }

// RoundTrip implements http.RoundTripper.
func (u uaTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("User-Agent", u.ua)
	return http.DefaultTransport.RoundTrip(req)
}

// uaClient is an HTTP client with ua's user agent.
func uaClient(ua string) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: uaTransport{ua}}
}

// mailsTo returns the messages to addr whose subject is subject.
func mailsTo(sink *mailtest.Sink, addr, subject string) []mailtest.Received {
	var out []mailtest.Received
	for _, m := range sink.Messages() {
		if len(m.To) == 1 && m.To[0] == addr && strings.Contains(m.Data, "Subject: "+subject+"\r\n") {
			out = append(out, m)
		}
	}
	return out
}

// TestBuiltInReactions: against the binary, a sign-up gets the welcome
// mail and joins the default organization as its reaction (the audit
// trail says so); a sign-in from the same browser mails nothing, one from
// another browser mails "new sign-in".
func TestBuiltInReactions(t *testing.T) {
	for _, ms := range mailServers(t) {
		t.Run(ms.name, func(t *testing.T) {
			sink := mailtest.Start(t)
			s := ms.start(t, "--smtp-url", fmt.Sprintf("smtp://%s?from=noreply@example.com", sink.Addr()),
				"--welcome-mail", "on", "--welcome-mail-subject", "Welcome to Acme",
				"--default-organization", "acme", "--default-organization-role", "member",
				"--new-device-mail", "on")
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			firefox, chrome := uaClient(firefoxUA), uaClient(chromeUA)
			owner := mustOK(t, "owner sign-up", authCall(ctx, firefox, s.URL, signUpCall("olga@example.com", "Olga")))
			mustOK(t, "organization/create", authCall(ctx, firefox, s.URL, pgCall{method: http.MethodPost,
				path: "organization/create", body: map[string]string{"name": "Acme", "slug": "acme"}, cookie: owner.cookie}))

			ann := mustOK(t, "sign-up", authCall(ctx, firefox, s.URL, signUpCall("ann@example.com", "Ann")))
			var up struct{ User struct{ ID string } }
			if err := json.Unmarshal(ann.body, &up); err != nil || up.User.ID == "" {
				t.Fatalf("sign-up body %s: %v", ann.body, err)
			}
			waitMail(t, "the welcome mail", func() bool { return len(mailsTo(sink, "ann@example.com", "Welcome to Acme")) == 1 })
			if w := mailsTo(sink, "ann@example.com", "Welcome to Acme")[0]; !strings.Contains(w.Data, "Hello Ann,") {
				t.Errorf("welcome %q", w.Data)
			}
			waitMail(t, "ann joining acme", func() bool {
				r := mustOK(t, "organization/list", authCall(ctx, firefox, s.URL, pgCall{method: http.MethodGet,
					path: "organization/list", cookie: ann.cookie}))
				return strings.Contains(string(r.body), `"slug":"acme"`)
			})
			var conns []struct{ Relation, Role, ToID string }
			waitMail(t, "the membership in the ontology", func() bool {
				conns = listAll[struct{ Relation, Role, ToID string }](t, s, "connections",
					url.Values{"from_id": {up.User.ID}, "relation": {"member_of"}})
				return len(conns) == 1
			})
			if conns[0].Role != "member" {
				t.Errorf("membership %+v, want member", conns[0])
			}
			events := listAll[struct{ Actor string }](t, s, "events",
				url.Values{"subject": {up.User.ID}, "type": {"group.member_added"}})
			if len(events) != 1 || events[0].Actor != reactions.OrganizationActor {
				t.Errorf("member_added events %+v, want one by %s", events, reactions.OrganizationActor)
			}

			mustOK(t, "sign-in, same browser", authCall(ctx, firefox, s.URL, signInCall("ann@example.com", pgPassword)))
			mustOK(t, "sign-in, another browser", authCall(ctx, chrome, s.URL, signInCall("ann@example.com", pgPassword)))
			waitMail(t, "the new-device mail", func() bool {
				return len(mailsTo(sink, "ann@example.com", reactions.DefaultDeviceSubject)) > 0
			})
			mustOK(t, "sign-in, the other browser again", authCall(ctx, chrome, s.URL, signInCall("ann@example.com", pgPassword)))
			mustOK(t, "owner signs up someone to flush", authCall(ctx, firefox, s.URL, signUpCall("bea@example.com", "Bea")))
			mustOK(t, "bea from another browser", authCall(ctx, chrome, s.URL, signInCall("bea@example.com", pgPassword)))
			waitMail(t, "bea's new-device mail", func() bool {
				return len(mailsTo(sink, "bea@example.com", reactions.DefaultDeviceSubject)) == 1
			})
			got := mailsTo(sink, "ann@example.com", reactions.DefaultDeviceSubject)
			if len(got) != 1 || !strings.Contains(got[0].Data, "Device: Chrome on Windows") ||
				strings.Contains(got[0].Data, "token") {
				t.Fatalf("new-device mails to ann %+v, want one, for Chrome only", got)
			}
			if n := len(mailsTo(sink, "olga@example.com", reactions.DefaultDeviceSubject)); n != 0 {
				t.Errorf("%d new-device mails to the owner, who used one browser", n)
			}
			waitMail(t, "the last sign-in in people and knowledge", func() bool {
				people := listAll[struct{ LastSignInAt string }](t, s, "people", url.Values{"id": {up.User.ID}})
				facts := listAll[struct {
					Key   string
					Value json.RawMessage
				}](t, s, "knowledge", url.Values{"subject_id": {up.User.ID}, "key": {"last_sign_in_method"}})
				return len(people) == 1 && people[0].LastSignInAt != "" && len(facts) == 1 && string(facts[0].Value) == `"password"`
			})
		})
	}
}

const (
	firefoxUA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
	chromeUA  = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)
