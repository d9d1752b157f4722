package httpapi

import (
	"net/http"
	"time"

	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
)

// ResetConfig configures password reset by email.
type ResetConfig struct {
	// Mailer delivers reset links; nil accepts requests alike but only
	// logs that the link was undeliverable (never the link itself).
	Mailer mail.Sender
	// TTL is the life of a reset link (default account.ResetTTL, 1 hour).
	TTL time.Duration
	// Subject of the email (default "Reset your password").
	Subject string
	// SendTimeout bounds the work of one request (default 30 s): lookup,
	// append and delivery run after the answer, so their duration tells
	// nothing about the account.
	SendTimeout time.Duration
}

func (r ResetConfig) ttl() time.Duration { return orDefault(r.TTL, account.ResetTTL) }

func (r ResetConfig) sendTimeout() time.Duration { return orDefault(r.SendTimeout, 30*time.Second) }

func (r ResetConfig) subject() string {
	if r.Subject == "" {
		return "Reset your password"
	}
	return r.Subject
}

// resetMessage is Better Auth's answer to every reset request.
const resetMessage = "If this email exists in our system, check your email for the reset link"

// resetClaimKind indexes pending reset tokens (HMAC of their SHA-256) to
// their account stream; the kind binds the token to its purpose.
const resetClaimKind = "reset_password"

func resetStatus() map[domain.Code]int {
	return map[domain.Code]int{account.CodeInvalidToken: http.StatusBadRequest}
}
