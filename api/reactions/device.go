package reactions

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
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
	"github.com/medama-io/go-useragent"
)

// DeviceName is the new-device reaction's checkpoint name; its known
// devices are kept under keys with this prefix (see Devices).
const DeviceName = "reactions.new-device.v1"

// DefaultDeviceSubject is the new-device mail's subject.
const DefaultDeviceSubject = "New sign-in to your account"

// Devices is where the new-device reaction keeps the devices it has seen,
// by key: the read store's checkpoint table (outbox.ReadStore), whose rows
// survive restarts and are kept across projection rebuilds only when named
// (they are not: after a rebuild a person's next sign-in starts their
// list again, and is not reported).
type Devices = outbox.Checkpoints

// Device configures NewDevice.
type Device struct {
	Sender  mail.Sender // required
	BaseURL string      // names the Message-IDs and the account link
	Subject string      // default DefaultDeviceSubject
}

// NewDevice mails a person when a session opens from a device they never
// used: a (user agent, IP network) pair, the network being the /24 of an
// IPv4 address or the /64 of an IPv6 one. The first session a person
// opens (the one of the sign-up, or the first this reaction sees) is not
// new. The known devices are kept in Devices as HMACs of the fingerprint
// (never the address or user agent in the clear):
//
//	<DeviceName>/<person>          → the event id of the first session seen
//	<DeviceName>/<person>/<hmac>   → the event id that introduced the device
//
// Both are written before the mail, the person's first; a record handled
// again finds its own event id and mails again (same Message-ID) when the
// device was new then, so a crash between the state and the mail loses
// nothing and a repeat decides the same.
type NewDevice struct {
	app     *app.App
	cfg     Device
	devices Devices
	key     []byte
	host    string
	parser  *useragent.Parser
}

// NewNewDevice returns the reaction over a's log, keeping its devices in
// devices.
func NewNewDevice(a *app.App, cfg Device, devices Devices) (*NewDevice, error) {
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
	return &NewDevice{app: a, cfg: cfg, devices: devices, key: app.Derive(a.Secret, "authledger new-device v1"),
		host: host, parser: useragent.NewParser()}, nil
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
	isNew, err := n.remember(ctx, rec.ID, e)
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

// remember records the session's device and reports whether it is new for
// the person (see NewDevice for the keys).
func (n *NewDevice) remember(ctx context.Context, eventID string, e session.Created) (bool, error) {
	personKey := DeviceName + "/" + e.PersonID
	deviceKey := personKey + "/" + n.fingerprint(e)
	first, err := n.devices.Checkpoint(ctx, personKey)
	if err != nil {
		return false, err
	}
	if first == "" {
		if err := n.devices.SetCheckpoint(ctx, personKey, eventID); err != nil {
			return false, err
		}
		first = eventID
	}
	seen, err := n.devices.Checkpoint(ctx, deviceKey)
	if err != nil {
		return false, err
	}
	switch seen {
	case "":
		if err := n.devices.SetCheckpoint(ctx, deviceKey, eventID); err != nil {
			return false, err
		}
	case eventID: // handled before: decide as then
	default:
		return false, nil // known device
	}
	return first != eventID, nil
}

// fingerprint is the HMAC of the user agent and the IP network.
func (n *NewDevice) fingerprint(e session.Created) string {
	mac := hmac.New(sha256.New, n.key)
	mac.Write([]byte(e.PersonID))
	mac.Write([]byte{0})
	mac.Write([]byte(strings.TrimSpace(e.UserAgent)))
	mac.Write([]byte{0})
	mac.Write([]byte(Network(e.IP)))
	return hex.EncodeToString(mac.Sum(nil)[:16])
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
