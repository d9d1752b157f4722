package reactions_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/mail/mailtest"
	"github.com/authledger/authledger/api/reactions"
	"github.com/authledger/authledger/domain/session"
)

const (
	firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
	chrome  = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)

// newDevice is the reaction mailing through SMTP to a sink.
func newDevice(t *testing.T, r *rig) (*reactions.NewDevice, *mailtest.Sink) {
	sink := mailtest.Start(t)
	n, err := reactions.NewNewDevice(r.env.App, reactions.Device{BaseURL: base,
		Sender: mail.SMTP{Host: "127.0.0.1", Port: sink.Port(), From: "noreply@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	return n, sink
}

// TestNewDeviceMail: the sign-up's session is not new, nor another from
// the same user agent in the same network; another browser or another
// network is, once; the mail says when and what, never a token.
func TestNewDeviceMail(t *testing.T) {
	r := newRig(t)
	n, sink := newDevice(t, r)
	sub := n.Subscriber(r.cps)
	if err := sub.Init(context.Background()); err != nil {
		t.Fatal(err)
	}
	home := app.Caller{IP: "192.0.2.10", UserAgent: firefox}
	up := r.signUp("ann@example.com", home)
	steps := []struct {
		name   string
		caller app.Caller
		mail   bool
	}{
		{"same browser, same /24", app.Caller{IP: "192.0.2.77", UserAgent: firefox}, false},
		{"another browser", app.Caller{IP: "192.0.2.10", UserAgent: chrome}, true},
		{"another network", app.Caller{IP: "198.51.100.5", UserAgent: firefox}, true},
		{"the other browser again", app.Caller{IP: "192.0.2.11", UserAgent: chrome}, false},
		{"IPv6, same /64 twice", app.Caller{IP: "2001:db8:1:2::1", UserAgent: firefox}, true},
		{"IPv6, same /64", app.Caller{IP: "2001:db8:1:2:ffff::9", UserAgent: firefox}, false},
	}
	want := 0
	for _, s := range steps {
		r.signIn("ann@example.com", s.caller)
		r.drain(sub)
		if s.mail {
			want++
		}
		if got := len(sink.Messages()); got != want {
			t.Fatalf("%s: %d messages, want %d", s.name, got, want)
		}
	}
	msg := sink.Messages()[0]
	created := r.records(session.TypeCreated)
	for _, w := range []string{"Subject: New sign-in to your account\r\n", "Device: Chrome on Windows",
		"Network: 192.0.2.0/24", "When: Fri, 27 Nov 2026 09:00 UTC", fmt.Sprintf("Message-ID: <%s@127.0.0.1>", created[2].ID)} {
		if !strings.Contains(msg.Data, w) {
			t.Errorf("mail %q lacks %q", msg.Data, w)
		}
	}
	if msg.To[0] != "ann@example.com" || strings.Contains(msg.Data, up.Token) {
		t.Errorf("mail to %v, or holds the session token", msg.To)
	}
}

// TestNewDeviceIsIdempotent: a session record handled again decides as the
// first time: the sign-up's session mails nothing, a new device's mails
// again with the same Message-ID, a known device's nothing; an erased
// person is not mailed.
func TestNewDeviceIsIdempotent(t *testing.T) {
	r := newRig(t)
	n, sink := newDevice(t, r)
	sub := n.Subscriber(r.cps)
	if err := sub.Init(context.Background()); err != nil {
		t.Fatal(err)
	}
	r.signUp("ann@example.com", app.Caller{IP: "192.0.2.10", UserAgent: firefox})
	r.signIn("ann@example.com", app.Caller{IP: "192.0.2.10", UserAgent: chrome})
	r.signIn("ann@example.com", app.Caller{IP: "192.0.2.10", UserAgent: chrome})
	r.drain(sub)
	if got := len(sink.Messages()); got != 1 {
		t.Fatalf("%d messages, want 1", got)
	}
	created := r.records(session.TypeCreated)
	for i, want := range []int{1, 2, 2} { // handled again: sign-up, new device, known device
		if err := n.Handle(context.Background(), created[i]); err != nil {
			t.Fatal(err)
		}
		msgs := sink.Messages()
		if len(msgs) != want {
			t.Fatalf("redelivery of session %d: %d messages, want %d", i, len(msgs), want)
		}
		if want == 2 && msgs[0].Data[strings.Index(msgs[0].Data, "Message-ID"):][:60] !=
			msgs[1].Data[strings.Index(msgs[1].Data, "Message-ID"):][:60] {
			t.Errorf("a redelivery must carry the same Message-ID")
		}
	}
	bob := r.signUp("bob@example.com", app.Caller{IP: "192.0.2.10", UserAgent: firefox}).PersonID
	r.signIn("bob@example.com", app.Caller{IP: "203.0.113.1", UserAgent: chrome})
	if _, err := compliance.New(r.env.App, compliance.Deps{}).Forget(context.Background(),
		compliance.ForgetInput{Actor: bob, PersonID: bob}); err != nil {
		t.Fatal(err)
	}
	r.drain(n.Subscriber(r.cps)) // a restart
	if got := len(sink.Messages()); got != 2 {
		t.Errorf("%d messages, want none for the erased bob", got)
	}
}

// TestNetworkAndDevice: the fingerprint's network and the mail's device.
func TestNetworkAndDevice(t *testing.T) {
	for ip, want := range map[string]string{"192.0.2.10": "192.0.2.0/24", "::ffff:192.0.2.10": "192.0.2.0/24",
		"2001:db8:1:2::1": "2001:db8:1:2::/64", "fe80::1%eth0": "fe80::/64", "": "", "garbage": ""} {
		if got := reactions.Network(ip); got != want {
			t.Errorf("Network(%q) = %q, want %q", ip, got, want)
		}
	}
	n, _ := newDevice(t, newRig(t))
	for ua, want := range map[string]string{firefox: "Firefox on Linux", chrome: "Chrome on Windows", "": "an unknown device",
		"curl/8.0": "an unknown device"} {
		if got := n.Describe(ua); got != want {
			t.Errorf("Describe(%q) = %q, want %q", ua, got, want)
		}
	}
}
