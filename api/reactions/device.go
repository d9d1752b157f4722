package reactions

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/outbox"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
	"github.com/medama-io/go-useragent"
)

// DeviceName is the new-device reaction's checkpoint name.
const DeviceName = "reactions.new-device.v1"

// DefaultDeviceSubject is the new-device mail's subject.
const DefaultDeviceSubject = "New sign-in to your account"

// kindSession is the things dimension's kind of a session row (the
// projections' KindSession; use cases do not import projections).
const kindSession = "session"

// Device configures NewDevice.
type Device struct {
	Sender  mail.Sender // required
	BaseURL string      // names the Message-IDs and the account link
	Subject string      // default DefaultDeviceSubject
}

// NewDevice mails a person when a session opens from a device they never
// used: a (user agent, IP network) pair, the network being the /24 of an
// IPv4 address or the /64 of an IPv6 one. The first session a person
// opens is not new. Whether a session is the first or its device known is
// read from the things dimension, which keeps every session a person
// opened (active, revoked or expired) with its user agent and address:
// the reaction keeps no state of its own, so handling a record again, a
// restart, a projections rebuild or an erasure all decide from the log.
type NewDevice struct {
	app    *app.App
	cfg    Device
	host   string
	parser *useragent.Parser
}

// NewNewDevice returns the reaction over a's log.
func NewNewDevice(a *app.App, cfg Device) (*NewDevice, error) {
	if cfg.Sender == nil {
		return nil, domain.Errorf(domain.CodeValidation, "reactions: the new-device mail needs a mail sender")
	}
	if cfg.Subject == "" {
		cfg.Subject = DefaultDeviceSubject
	}
	host := "authledger.invalid"
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return &NewDevice{app: a, cfg: cfg, host: host, parser: useragent.NewParser()}, nil
}

// Subscriber is the outbox subscriber that runs the reaction, keeping its
// checkpoint in cps.
func (n *NewDevice) Subscriber(cps outbox.Checkpoints) *outbox.Subscriber {
	return &outbox.Subscriber{Name: DeviceName, Store: n.app.Store, Checkpoints: cps, Handler: n, Logger: n.app.Logger}
}

// Wants implements outbox.Handler: opened sessions.
func (n *NewDevice) Wants(rec eventstore.Record) bool { return rec.Type == session.TypeCreated }

// Handle implements outbox.Handler: record the session's device and mail
// the person when it is new.
func (n *NewDevice) Handle(ctx context.Context, rec eventstore.Record) error {
	ev, _, err := n.app.Codec.Decode(ctx, rec)
	if err != nil {
		return outbox.Permanent(fmt.Errorf("reactions: decode %s: %w", rec.ID, err))
	}
	e, ok := ev.(session.Created)
	if !ok {
		return nil
	}
	p, _, err := app.Load(ctx, n.app, person.NewDecider(), domain.PersonStream(e.PersonID))
	if err != nil {
		return err
	}
	if !p.Exists || p.Erased || p.Email == "" {
		return nil
	}
	isNew, err := n.isNew(ctx, rec, e)
	if err != nil || !isNew {
		return err
	}
	msg := mail.Message{To: p.Email, Subject: n.cfg.Subject, MessageID: "<" + rec.ID + "@" + n.host + ">",
		Text: n.text(e)}
	if err := n.cfg.Sender.Send(ctx, msg); err != nil {
		if errors.Is(err, mail.ErrInvalidMessage) {
			return outbox.Permanent(err)
		}
		return fmt.Errorf("reactions: new-device mail of event %s: %w", rec.ID, err) // never the address
	}
	n.app.Logger.Info("new-device mail sent", "event", rec.ID)
	return nil
}

// isNew reports whether e's device is new for its person: the person
// opened a session before e (in log order, from the events dimension),
// and none of those from e's device (from the things dimension's session
// rows). It first waits for the projections to reach rec.
func (n *NewDevice) isNew(ctx context.Context, rec eventstore.Record, e session.Created) (bool, error) {
	if err := n.app.Settle(ctx, rec.Position); err != nil {
		return false, err
	}
	earlier, err := n.earlierSessions(ctx, rec, e.PersonID)
	if err != nil || len(earlier) == 0 {
		return false, err
	}
	device := fingerprint(e.UserAgent, e.IP)
	q := ontology.Query{Where: map[string]string{"kind": kindSession, "owner_id": e.PersonID}, Limit: 1000}
	for {
		page, err := n.app.Read.ListThings(ctx, q)
		if err != nil {
			return false, err
		}
		for _, t := range page.Items {
			var d struct {
				IPAddress string `json:"ipAddress"`
				UserAgent string `json:"userAgent"`
			}
			if earlier[domain.SessionStream(t.ID)] && json.Unmarshal(t.Data, &d) == nil && fingerprint(d.UserAgent, d.IPAddress) == device {
				return false, nil
			}
		}
		if page.Next == "" {
			return true, nil
		}
		q.Cursor = page.Next
	}
}

// earlierSessions returns the streams of the sessions personID opened
// before rec, in log order from the events dimension; an error when the
// dimension has not reached rec yet.
func (n *NewDevice) earlierSessions(ctx context.Context, rec eventstore.Record, personID string) (map[string]bool, error) {
	out := map[string]bool{}
	q := ontology.Query{Where: map[string]string{"type": session.TypeCreated, "subject": personID}, Limit: 1000}
	for {
		page, err := n.app.Read.ListEvents(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, ev := range page.Items {
			if ev.Position == rec.Position.String() {
				return out, nil
			}
			out[ev.Stream] = true
		}
		if page.Next == "" {
			return nil, fmt.Errorf("reactions: the events dimension has not reached %s yet", rec.ID)
		}
		q.Cursor = page.Next
	}
}

// fingerprint is a device: the user agent and the IP network.
func fingerprint(userAgent, ip string) string {
	return strings.TrimSpace(userAgent) + "\x00" + Network(ip)
}

// Network is the approximate network of an IP address: its /24 (IPv4) or
// /64 (IPv6); "" when ip is not an address.
func Network(ip string) string {
	addr, err := netip.ParseAddr(strings.TrimSpace(ip))
	if err != nil {
		return ""
	}
	addr = addr.Unmap().WithZone("")
	bits := 64
	if addr.Is4() {
		bits = 24
	}
	p, err := addr.Prefix(bits)
	if err != nil {
		return ""
	}
	return p.String()
}

// Describe is the approximate device of a user agent: "Firefox on Linux",
// "an unknown device".
func (n *NewDevice) Describe(userAgent string) string {
	ua := n.parser.Parse(userAgent)
	browser, os := string(ua.Browser()), string(ua.OS())
	switch {
	case browser != "" && os != "":
		return browser + " on " + os
	case browser != "":
		return browser
	case os != "":
		return "a device running " + os
	}
	return "an unknown device"
}

// text is the mail's body: when, what and from which network; never a
// token or the session id.
func (n *NewDevice) text(e session.Created) string {
	var b strings.Builder
	b.WriteString("Your account was signed in to from a new device.\n\n")
	b.WriteString("When: " + e.At.UTC().Format("Mon, 2 Jan 2006 15:04 MST") + "\n")
	b.WriteString("Device: " + n.Describe(e.UserAgent) + "\n")
	if nw := Network(e.IP); nw != "" {
		b.WriteString("Network: " + nw + "\n")
	}
	b.WriteString("\nIf this was you, there is nothing to do. If not, change your password and sign out the other sessions at " +
		strings.TrimRight(n.cfg.BaseURL, "/") + "/ui/account.\n")
	return b.String()
}
