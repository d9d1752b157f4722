package wire

import (
	"time"

	"github.com/authledger/authledger/api/sessionindex"
)

// isoLayout is Better Auth's date format: ISO 8601, milliseconds, Z.
const isoLayout = "2006-01-02T15:04:05.000Z"

// ISOTime is t in Better Auth's date format (isoLayout), in UTC.
func ISOTime(t time.Time) string {
	var b [len(isoLayout)]byte
	return string(appendISOTime(b[:0], t))
}

// appendISOTime appends t as isoLayout. It writes the digits itself:
// time.Format interprets the layout on every call, and get-session
// formats five dates per answer. Years outside 0–9999 go to Format.
func appendISOTime(b []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(b, isoLayout)
	}
	hour, minute, sec := t.Clock()
	ms := t.Nanosecond() / 1e6
	b = appendDigits(b, year, 4)
	b = appendDigits(append(b, '-'), int(month), 2)
	b = appendDigits(append(b, '-'), day, 2)
	b = appendDigits(append(b, 'T'), hour, 2)
	b = appendDigits(append(b, ':'), minute, 2)
	b = appendDigits(append(b, ':'), sec, 2)
	b = appendDigits(append(b, '.'), ms, 3)
	return append(b, 'Z')
}

// appendDigits appends v (≥ 0) as exactly n decimal digits.
func appendDigits(b []byte, v, n int) []byte {
	for i := n - 1; i >= 0; i-- {
		d := v
		for range i {
			d /= 10
		}
		b = append(b, byte('0'+d%10))
	}
	return b
}

// UserJSON is Better Auth's user object, keys in its order.
type UserJSON struct {
	Name             string         `json:"name"`
	Email            string         `json:"email"`
	EmailVerified    bool           `json:"emailVerified"`
	Image            string         `json:"image"` // "" is null
	CreatedAt        time.Time      `json:"createdAt"`
	UpdatedAt        time.Time      `json:"updatedAt"`
	TwoFactorEnabled bool           `json:"twoFactorEnabled"`
	ID               string         `json:"id"`
	Extra            map[string]any `json:"-"` // additional fields, after the core keys
	// Admin, when set, adds the admin plugin's user fields (role, banned,
	// banReason, banExpires) after the core keys, as on the admin routes.
	Admin *AdminUserFields `json:"-"`
}

// AdminUserFields are the admin plugin's user fields.
type AdminUserFields struct {
	Role       string
	Banned     bool
	BanReason  *string
	BanExpires *string
}

// ToUser is u's user object. The times stay times until they are
// appended (encode.go): get-session formats them straight into its answer.
func ToUser(u sessionindex.User) UserJSON {
	return UserJSON{Name: u.Name, Email: u.Email, EmailVerified: u.EmailVerified, Image: u.Image,
		CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt, TwoFactorEnabled: u.TwoFactorEnabled,
		ID: u.ID, Extra: u.Fields}
}

// SessionJSON is Better Auth's session object, keys in its order. Token is
// the caller's own token on get-session and on the caller's own entry of
// list-sessions; on the other entries of list-sessions it is the session
// id, an opaque handle that revoke-session accepts (the raw tokens of other
// sessions are never stored, so they cannot be shown).
type SessionJSON struct {
	ExpiresAt            time.Time `json:"expiresAt"`
	Token                string    `json:"token"`
	CreatedAt            time.Time `json:"createdAt"`
	UpdatedAt            time.Time `json:"updatedAt"`
	IPAddress            string    `json:"ipAddress"`
	UserAgent            string    `json:"userAgent"`
	UserID               string    `json:"userId"`
	ActiveOrganizationID string    `json:"activeOrganizationId"` // "" is null
	ID                   string    `json:"id"`
	// ImpersonatedBy is the administrator of an impersonation session;
	// the key is present only on such sessions.
	ImpersonatedBy string `json:"impersonatedBy,omitempty"`
}

// ToSession is s's session object carrying token (see SessionJSON).
func ToSession(s sessionindex.Session, token string) SessionJSON {
	return SessionJSON{ActiveOrganizationID: s.ActiveOrganizationID, ExpiresAt: s.ExpiresAt, Token: token, CreatedAt: s.CreatedAt,
		UpdatedAt: s.UpdatedAt, IPAddress: s.IP, UserAgent: s.UserAgent, UserID: s.PersonID, ID: s.ID,
		ImpersonatedBy: s.ImpersonatedBy}
}

// SessionAndUser is the get-session body.
type SessionAndUser struct {
	Session SessionJSON `json:"session"`
	User    UserJSON    `json:"user"`
}
