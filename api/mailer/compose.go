package mailer

import (
	"context"
	"net/url"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/twofactor"
)

// none is the answer for an event that needs no mail.
var none = mail.Message{}

// live reports whether a link recorded with mailID is still worth mailing:
// it has a mail id (older events do not) and has not expired.
func (m *Mailer) live(mailID string, expiresAt time.Time) bool {
	return mailID != "" && m.app.Now().Before(expiresAt)
}

// recipient returns the current address of a person, "" when the person
// is gone (erased or unknown).
func (m *Mailer) recipient(ctx context.Context, personID string) (string, error) {
	p, _, err := app.Load(ctx, m.app, person.NewDecider(), domain.PersonStream(personID))
	if err != nil || !p.Exists || p.Erased {
		return "", err
	}
	return p.Email, nil
}

// validity is the "(valid for …" part of a link's text.
func validity(at, expiresAt time.Time) string { return expiresAt.Sub(at).String() }

// orRoot defaults a callback to "/".
func orRoot(cb string) string {
	if cb == "" {
		return "/"
	}
	return cb
}

func (m *Mailer) reset(ctx context.Context, e account.PasswordResetRequested) (mail.Message, bool, error) {
	if !m.live(e.MailID, e.ExpiresAt) {
		return none, false, nil
	}
	to, err := m.recipient(ctx, e.PersonID)
	if err != nil || to == "" {
		return none, false, err
	}
	tok := m.secrets.Token(maillink.PurposeReset, e.MailID)
	link := m.link("/api/auth/reset-password/"+url.PathEscape(tok), "callbackURL", e.CallbackURL)
	return mail.Message{To: to, Subject: m.cfg.ResetSubject, Text: "Reset your password with this link " +
		"(valid for " + validity(e.At, e.ExpiresAt) + ", usable once):\n\n" + link +
		"\n\nIf you did not ask for this, ignore this email.\n"}, true, nil
}

func (m *Mailer) verify(ctx context.Context, e person.EmailVerificationRequested) (mail.Message, bool, error) {
	if !m.live(e.MailID, e.ExpiresAt) || e.Email == "" { // "": sealed for an erased person
		return none, false, nil
	}
	if to, err := m.recipient(ctx, e.PersonID); err != nil || to == "" {
		return none, false, err
	}
	link := m.link("/api/auth/verify-email", "token", m.secrets.Token(maillink.PurposeVerify, e.MailID),
		"callbackURL", orRoot(e.CallbackURL))
	return mail.Message{To: e.Email, Subject: m.cfg.VerifySubject, Text: "Confirm your email address with this link " +
		"(valid for " + validity(e.At, e.ExpiresAt) + ", usable once):\n\n" + link +
		"\n\nIf you did not create an account, ignore this email.\n"}, true, nil
}

// change mails a change-email link: for approval to the current address,
// for proof to the new one.
func (m *Mailer) change(ctx context.Context, e person.EmailChangeRequested) (mail.Message, bool, error) {
	if !m.live(e.MailID, e.ExpiresAt) || e.Email == "" || e.NewEmail == "" {
		return none, false, nil
	}
	if to, err := m.recipient(ctx, e.PersonID); err != nil || to == "" {
		return none, false, err
	}
	link := m.link("/api/auth/verify-email", "token", m.secrets.Token(maillink.PurposeChange, e.MailID),
		"callbackURL", orRoot(e.CallbackURL))
	ttl := validity(e.At, e.ExpiresAt)
	if e.Stage == person.ChangeStageConfirm {
		return mail.Message{To: e.Email, Subject: "Approve your email change",
			Text: "Someone asked to change the email address of your account to " + e.NewEmail +
				". Approve it with this link (valid for " + ttl + ", usable once):\n\n" + link +
				"\n\nIf it was not you, ignore this email and change your password.\n"}, true, nil
	}
	return mail.Message{To: e.NewEmail, Subject: m.cfg.VerifySubject, Text: "Confirm your new email address with this link " +
		"(valid for " + ttl + ", usable once):\n\n" + link + "\n\nIf you did not ask for this, ignore this email.\n"}, true, nil
}

func (m *Mailer) deletion(ctx context.Context, e person.DeletionRequested) (mail.Message, bool, error) {
	if !m.live(e.MailID, e.ExpiresAt) {
		return none, false, nil
	}
	to, err := m.recipient(ctx, e.PersonID)
	if err != nil || to == "" {
		return none, false, err
	}
	link := m.link("/api/auth/delete-user/callback", "token", m.secrets.Token(maillink.PurposeDelete, e.MailID),
		"callbackURL", orRoot(e.CallbackURL))
	return mail.Message{To: to, Subject: "Confirm deleting your account", Text: "Delete your account for good " +
		"with this link (valid for " + validity(e.At, e.ExpiresAt) + ", usable once, while signed in):\n\n" + link +
		"\n\nIf you did not ask for this, ignore this email and change your password.\n"}, true, nil
}

func (m *Mailer) otp(ctx context.Context, e twofactor.OTPSent) (mail.Message, bool, error) {
	if !m.live(e.MailID, e.ExpiresAt) {
		return none, false, nil
	}
	to, err := m.recipient(ctx, e.PersonID)
	if err != nil || to == "" {
		return none, false, err
	}
	code := m.secrets.Code(maillink.PurposeOTP, e.MailID)
	return mail.Message{To: to, Subject: m.cfg.OTPSubject, Text: "Your sign-in code is " + code +
		".\n\nIt works once, for " + twofactor.OTPTTL.String() + ". If you did not try to sign in, change your password.\n"}, true, nil
}
