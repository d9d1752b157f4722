package wire

import (
	"encoding/json"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/authledger/authledger/api/jsonstr"
)

// The get-session answer is the hottest path of the server, so the user
// and session objects are written with an append-based encoder instead of
// reflection (encoding/json re-validates MarshalJSON output, which cost a
// quarter of the request). Output is byte-identical to encoding/json.

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// AppendJSON appends the Better Auth user object: core keys in its order,
// then the additional fields sorted by name (the platform role is not
// client-facing).
func (u UserJSON) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"name":`...)
	b = appendString(b, u.Name)
	b = append(b, `,"email":`...)
	b = appendString(b, u.Email)
	b = append(b, `,"emailVerified":`...)
	b = strconv.AppendBool(b, u.EmailVerified)
	b = append(b, `,"image":`...)
	b = appendOrNull(b, u.Image)
	b = append(b, `,"createdAt":`...)
	b = appendDate(b, u.CreatedAt)
	b = append(b, `,"updatedAt":`...)
	b = appendDate(b, u.UpdatedAt)
	b = append(b, `,"twoFactorEnabled":`...)
	b = strconv.AppendBool(b, u.TwoFactorEnabled)
	b = append(b, `,"id":`...)
	b = appendString(b, u.ID)
	if u.Admin != nil {
		b = u.Admin.appendJSON(b)
	}
	return appendExtra(b, u.Extra)
}

// appendExtra appends the additional fields and closes the object.
func appendExtra(b []byte, extra map[string]any) ([]byte, error) {
	if len(extra) > 0 {
		keys := make([]string, 0, len(extra))
		for k := range extra {
			if k != "role" {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			v, err := json.Marshal(extra[k])
			if err != nil {
				return nil, err
			}
			b = append(b, ',')
			b = appendString(b, k)
			b = append(b, ':')
			b = append(b, v...)
		}
	}
	return append(b, '}'), nil
}

// MarshalJSON implements json.Marshaler for the places that embed a user
// in a larger encoding/json value.
func (u UserJSON) MarshalJSON() ([]byte, error) { return u.AppendJSON(nil) }

// AppendJSON appends the Better Auth session object.
func (s SessionJSON) AppendJSON(b []byte) []byte {
	b = append(b, `{"expiresAt":`...)
	b = appendDate(b, s.ExpiresAt)
	b = append(b, `,"token":`...)
	b = appendString(b, s.Token)
	b = append(b, `,"createdAt":`...)
	b = appendDate(b, s.CreatedAt)
	b = append(b, `,"updatedAt":`...)
	b = appendDate(b, s.UpdatedAt)
	b = append(b, `,"ipAddress":`...)
	b = appendString(b, s.IPAddress)
	b = append(b, `,"userAgent":`...)
	b = appendString(b, s.UserAgent)
	b = append(b, `,"userId":`...)
	b = appendString(b, s.UserID)
	b = append(b, `,"activeOrganizationId":`...)
	b = appendOrNull(b, s.ActiveOrganizationID)
	b = append(b, `,"id":`...)
	b = appendString(b, s.ID)
	if s.ImpersonatedBy != "" {
		b = append(b, `,"impersonatedBy":`...)
		b = appendString(b, s.ImpersonatedBy)
	}
	return append(b, '}')
}

// MarshalJSON implements json.Marshaler.
func (s SessionJSON) MarshalJSON() ([]byte, error) { return s.AppendJSON(nil), nil }

// AppendJSON appends {"session":…,"user":…}.
func (su SessionAndUser) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"session":`...)
	b = su.Session.AppendJSON(b)
	b = append(b, `,"user":`...)
	b, err := su.User.AppendJSON(b)
	if err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

// MarshalJSON implements json.Marshaler.
func (su SessionAndUser) MarshalJSON() ([]byte, error) { return su.AppendJSON(nil) }

// appendOrNull appends s as a string, or null when it is empty.
func appendOrNull(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendString(b, s)
}

// appendDate appends t quoted in Better Auth's date format (ISOTime).
// Its digits need no escaping, except from the years Format writes.
func appendDate(b []byte, t time.Time) []byte {
	if y := t.Year(); y < 0 || y > 9999 {
		return appendString(b, ISOTime(t))
	}
	return append(appendISOTime(append(b, '"'), t), '"')
}

// appendString appends s as a JSON string exactly as encoding/json does
// (HTML-safe escapes, U+2028/U+2029 escaped, invalid UTF-8 as U+FFFD).
func appendString(b []byte, s string) []byte { return jsonstr.AppendJSON(b, s) }
