package mfa

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/domain/twofactor"
)

// SendOTPInput asks for a code by email for the pending sign-in Challenge.
type SendOTPInput struct {
	Caller    app.Caller
	Challenge Challenge
}

// OTPAvailable reports whether codes can be emailed (a mailer is set).
func (s *Service) OTPAvailable() bool { return s.cfg.Mailer != nil }

// SendOTP draws a 6-digit code for a pending sign-in, records its hash
// (two_factor.otp_sent; a new code replaces the previous one); the outbox
// mailer mails it to the person's address after the commit, re-creating
// the code from the event's mail id (api/maillink). Only a live challenge
// gets a code. Delivery happens after the answer, so the answer tells
// nothing about the mailbox.
func (s *Service) SendOTP(ctx context.Context, in SendOTPInput) error {
	if s.cfg.Mailer == nil {
		return twofactor.ErrOTPNotConfigured
	}
	ch, now := in.Challenge, s.app.Now()
	_, known := s.sessions.User(ch.PersonID)
	if ch.PersonID == "" || !ch.Live(now) || !known {
		return twofactor.ErrInvalidChallenge
	}
	secrets := maillink.NewSecrets(s.app.Secret)
	mailID, err := maillink.NewMailID(s.app.Rand)
	if err != nil {
		return err
	}
	code := secrets.Code(maillink.PurposeOTP, mailID)
	return s.run(ctx, in.Caller, ch.PersonID, func(twofactor.State) twofactor.Command {
		return twofactor.SendOTP{ChallengeID: ch.ID, CodeHash: twofactor.HashOTP(code), ExpiresAt: now.Add(twofactor.OTPTTL),
			At: now, MailID: mailID}
	})
}
