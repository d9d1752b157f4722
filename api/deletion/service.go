package deletion

import (
	"context"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
)

// CodeFailedToGetUserInfo answers a followed link without a session
// (Better Auth's code).
const CodeFailedToGetUserInfo domain.Code = "FAILED_TO_GET_USER_INFO"

// ErrFailedToGetUserInfo is Better Auth's answer to a link followed by
// nobody signed in.
var ErrFailedToGetUserInfo = domain.Errorf(CodeFailedToGetUserInfo, "Failed to get user info")

// Config configures account deletion (Better Auth's user.deleteUser).
type Config struct {
	// Enabled serves deletion (off: not found, as in Better Auth).
	Enabled bool
	// ByEmail deletes only after a link mailed to the person is followed
	// (Better Auth's sendDeleteAccountVerification); needs Mailer.
	ByEmail bool
	// Mailer delivers the links.
	Mailer mail.Sender
	// BaseURL is the public URL links are built on.
	BaseURL string
	// TTL is the life of a link (default person.DeleteTTL, 1 day).
	TTL time.Duration
}

// Passwords is what deletion asks of the password checks; defined here,
// where it is consumed (identity.Passwords implements it).
type Passwords interface {
	CheckMax(pw string) error
	Matches(ctx context.Context, personID, pw string) (bool, error)
}

// Service runs the delete-account use cases.
type Service struct {
	app       *app.App
	sessions  *sessions.Service
	passwords Passwords
	erasure   *compliance.Service
	cfg       Config
}

// New returns the delete-account use cases; erasure is the compliance
// use cases whose Forget deletes.
func New(a *app.App, sess *sessions.Service, pw Passwords, erasure *compliance.Service, cfg Config) *Service {
	if cfg.TTL <= 0 {
		cfg.TTL = person.DeleteTTL
	}
	return &Service{app: a, sessions: sess, passwords: pw, erasure: erasure, cfg: cfg}
}
