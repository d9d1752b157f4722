package mailer

import (
	"context"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/person"
)

// invitation mails a pending invitation to its invitee with what Better
// Auth's sendInvitationEmail is given: the invitation id, the
// organization's name, the inviter and the role, with the hosted page's
// accept link. An invitation answered, cancelled or expired since gets
// nothing.
func (m *Mailer) invitation(ctx context.Context, stream, invitationID string) (mail.Message, bool, error) {
	g, _, err := app.Load(ctx, m.app, group.NewDecider(), stream)
	if err != nil {
		return none, false, err
	}
	inv, ok := g.Invitation(invitationID)
	if !ok || inv.Email == "" || inv.ExpiredAt(m.app.Now()) {
		return none, false, nil
	}
	inviter := "Someone"
	if p, _, err := app.Load(ctx, m.app, person.NewDecider(), domain.PersonStream(inv.InviterID)); err != nil {
		return none, false, err
	} else if p.Exists && !p.Erased {
		inviter = p.Email
		if p.Name != "" {
			inviter = p.Name + " (" + p.Email + ")"
		}
	}
	org := g.Name
	if org == "" {
		org = "an organization"
	}
	link := m.link("/ui/accept-invitation", "id", inv.ID)
	return mail.Message{To: inv.Email, Subject: "You are invited to join " + oneLine(org),
		Text: inviter + " invited you to join " + org + " as " + inv.Role + ".\n\n" +
			"Accept or decline the invitation with this link (until " + inv.ExpiresAt.UTC().Format("2006-01-02 15:04 MST") + "):\n\n" +
			link + "\n\nInvitation id: " + inv.ID + "\n\nIf you do not know this organization, ignore this email.\n"}, true, nil
}

// oneLine drops control characters (a header value stays one line).
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
