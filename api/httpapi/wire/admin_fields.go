package wire

import (
	"strconv"

	"github.com/authledger/authledger/api/sessionindex"
)

// AdminUser is u with the admin plugin's fields, as the admin routes
// answer it: role, banned, banReason and banExpires (null when unset).
func AdminUser(u sessionindex.User) UserJSON {
	out := ToUser(u)
	f := &AdminUserFields{Role: u.Role, Banned: u.Banned}
	if u.Banned {
		f.BanReason = &u.BanReason
		if !u.BanExpires.IsZero() {
			exp := ISOTime(u.BanExpires)
			f.BanExpires = &exp
		}
	}
	out.Admin = f
	return out
}

// appendJSON appends the fields as more keys of a user object.
func (f *AdminUserFields) appendJSON(b []byte) []byte {
	b = append(b, `,"role":`...)
	b = appendString(b, f.Role)
	b = append(b, `,"banned":`...)
	b = strconv.AppendBool(b, f.Banned)
	b = append(b, `,"banReason":`...)
	b = appendNullable(b, f.BanReason)
	b = append(b, `,"banExpires":`...)
	return appendNullable(b, f.BanExpires)
}

// appendNullable appends a JSON string or null.
func appendNullable(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendString(b, *s)
}
