package main

import (
	"os"
	"unicode/utf8"

	"github.com/authledger/authledger/api/reactions"
	"github.com/authledger/authledger/domain/group"
)

// maxWelcomeText bounds --welcome-mail-text-file.
const maxWelcomeText = 64 << 10

// reactionSettings are the built-in reactions (api/reactions and the
// mailer's welcome) as configured: each off unless set.
type reactionSettings struct {
	// Welcome mails a welcome on sign-up, with Subject and Text ("":
	// the mailer's defaults).
	Welcome        bool
	WelcomeSubject string
	WelcomeText    string
	// Organization joins new people to a default organization; its Slug
	// is "" when off.
	Organization reactions.Organization
	// NewDevice mails a sign-in from a new device.
	NewDevice bool
}

// reactions parses the --welcome-mail*, --default-organization* and
// --new-device-mail settings; hasMail says whether --smtp-url is set (the
// mails need it). Every bad one is reported, even when its reaction is off.
func (p *settingsParser) reactions(hasMail bool) reactionSettings {
	r := reactionSettings{Welcome: p.choice("welcome-mail", "off", "on") == 1, WelcomeSubject: p.str("welcome-mail-subject"),
		NewDevice: p.choice("new-device-mail", "off", "on") == 1}
	if len(r.WelcomeSubject) > 200 || !utf8.ValidString(r.WelcomeSubject) {
		p.fail("welcome-mail-subject", "must be valid UTF-8 of at most 200 bytes")
	}
	if path := p.str("welcome-mail-text-file"); path != "" {
		b, err := os.ReadFile(path)
		switch {
		case err != nil:
			p.fail("welcome-mail-text-file", "cannot be read: %v", err)
		case len(b) > maxWelcomeText || !utf8.Valid(b):
			p.fail("welcome-mail-text-file", "must be UTF-8 text of at most %d bytes", maxWelcomeText)
		default:
			r.WelcomeText = string(b)
		}
	}
	if r.Welcome && !hasMail {
		p.fail("welcome-mail", "on needs --smtp-url")
	}
	if !r.Welcome {
		r.WelcomeSubject, r.WelcomeText = "", ""
	}
	if r.NewDevice && !hasMail {
		p.fail("new-device-mail", "on needs --smtp-url")
	}
	role, err := group.ParseRole(p.str("default-organization-role"))
	if err != nil || group.IsOwner(role) {
		p.fail("default-organization-role", "must be member, admin or both comma-separated, never owner (got %q)",
			p.str("default-organization-role"))
	}
	on := reactions.Trigger(p.choice("default-organization-on", "sign-up", "email-verified"))
	if slug := p.str("default-organization"); slug != "" {
		if len(slug) > 200 || !utf8.ValidString(slug) {
			p.fail("default-organization", "must be an organization slug")
		}
		r.Organization = reactions.Organization{Slug: slug, Role: role, On: on}
	}
	return r
}
