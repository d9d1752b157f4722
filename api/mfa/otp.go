package mfa

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mail"
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
// (two_factor.otp_sent; a new code replaces the previous one) and mails
// it to the person's address. Only a live challenge gets a code. A failed
// delivery is logged (never the code) and answered alike, as Better Auth
// does, so the answer tells nothing about the mailbox.
func (s *Service) SendOTP(ctx context.Context, in SendOTPInput) error {
	if s.cfg.Mailer == nil {
		return twofactor.ErrOTPNotConfigured
	}
	ch, now := in.Challenge, s.app.Now()
	u, known := s.sessions.User(ch.PersonID)
	if ch.PersonID == "" || !ch.Live(now) || !known {
		return twofactor.ErrInvalidChallenge
	}
	code, err := newOTP(s.app.Rand)
	if err != nil {
		return err
	}
	err = s.run(ctx, in.Caller, ch.PersonID, func(twofactor.State) twofactor.Command {
		return twofactor.SendOTP{ChallengeID: ch.ID, CodeHash: twofactor.HashOTP(code), ExpiresAt: now.Add(twofactor.OTPTTL), At: now}
	})
	if err != nil {
		return err
	}
	m := mail.Message{To: u.Email, Subject: s.cfg.OTPSubject, Text: "Your sign-in code is " + code +
		".\n\nIt works once, for " + twofactor.OTPTTL.String() + ". If you did not try to sign in, change your password.\n"}
	if err := s.cfg.Mailer.Send(ctx, m); err != nil {
		s.app.Logger.Warn("two-factor code not delivered", "person", ch.PersonID, "err", err)
	}
	return nil
}

// otpLimit is the largest multiple of 10^6 below 2^32: draws at or above
// it are rejected so every code is equally likely.
const otpLimit = 4_294_000_000

// newOTP returns a uniformly random 6-digit code.
func newOTP(r io.Reader) (string, error) {
	var b [4]byte
	for {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return "", err
		}
		if n := binary.BigEndian.Uint32(b[:]); n < otpLimit {
			return fmt.Sprintf("%06d", n%1_000_000), nil
		}
	}
}
