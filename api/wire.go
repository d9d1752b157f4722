package api

import (
	"time"

	"github.com/authledger/authledger/api/sessionindex"
)

// isoTime is Better Auth's date format: ISO 8601, milliseconds, Z.
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// userJSON is Better Auth's user object, keys in its order.
type userJSON struct {
	Name             string  `json:"name"`
	Email            string  `json:"email"`
	EmailVerified    bool    `json:"emailVerified"`
	Image            *string `json:"image"`
	CreatedAt        string  `json:"createdAt"`
	UpdatedAt        string  `json:"updatedAt"`
	TwoFactorEnabled bool    `json:"twoFactorEnabled"`
	ID               string  `json:"id"`
	extra            map[string]any
}

func toUser(u sessionindex.User) userJSON {
	var img *string
	if u.Image != "" {
		img = &u.Image
	}
	return userJSON{Name: u.Name, Email: u.Email, EmailVerified: u.EmailVerified, Image: img,
		CreatedAt: isoTime(u.CreatedAt), UpdatedAt: isoTime(u.UpdatedAt), TwoFactorEnabled: u.TwoFactorEnabled,
		ID: u.ID, extra: u.Fields}
}

// sessionJSON is Better Auth's session object, keys in its order. Token is
// the caller's own token on get-session; in list-sessions it is the
// session id, an opaque handle that revoke-session accepts (the raw tokens
// of other sessions are never stored, so they cannot be shown).
type sessionJSON struct {
	ExpiresAt            string  `json:"expiresAt"`
	Token                string  `json:"token"`
	CreatedAt            string  `json:"createdAt"`
	UpdatedAt            string  `json:"updatedAt"`
	IPAddress            string  `json:"ipAddress"`
	UserAgent            string  `json:"userAgent"`
	UserID               string  `json:"userId"`
	ActiveOrganizationID *string `json:"activeOrganizationId"`
	ID                   string  `json:"id"`
}

func toSession(s sessionindex.Session, token string) sessionJSON {
	var org *string
	if s.ActiveOrganizationID != "" {
		org = &s.ActiveOrganizationID
	}
	return sessionJSON{ActiveOrganizationID: org, ExpiresAt: isoTime(s.ExpiresAt), Token: token, CreatedAt: isoTime(s.CreatedAt),
		UpdatedAt: isoTime(s.UpdatedAt), IPAddress: s.IP, UserAgent: s.UserAgent, UserID: s.PersonID, ID: s.ID}
}

// sessionAndUser is the get-session body.
type sessionAndUser struct {
	Session sessionJSON `json:"session"`
	User    userJSON    `json:"user"`
}
