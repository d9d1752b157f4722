package httpapi

import (
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/authledger/authledger/api/token"

	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/strictjson"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// dontRememberLifetime is the session lifetime of rememberMe:false.
const dontRememberLifetime = 24 * time.Hour

// maxNameLen bounds display names (code points).
const maxNameLen = 256

// requireStrings reports missing required string fields the way Better
// Auth's validator does: "[body.x] Invalid input: expected string,
// received undefined", joined with "; ".
func requireStrings(fields map[string]*string) error {
	var msgs []string
	for _, k := range []string{"name", "email", "password", "currentPassword", "newPassword"} {
		if v, listed := fields[k]; listed && v == nil {
			msgs = append(msgs, "[body."+k+"] Invalid input: expected string, received undefined")
		}
	}
	if len(msgs) > 0 {
		return domain.Errorf(domain.CodeValidation, strings.Join(msgs, "; "))
	}
	return nil
}

// validName rejects control characters and over-long names; the name is
// stored as given otherwise.
func validName(name string) error {
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > maxNameLen {
		return domain.Errorf(domain.CodeValidation, "[body.name] Invalid name")
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return domain.Errorf(domain.CodeValidation, "[body.name] Name must not contain control characters")
		}
	}
	return nil
}

// validImage accepts an empty string or an http(s) URL of bounded length.
func validImage(img *string) error {
	if img == nil || *img == "" {
		return nil
	}
	if len(*img) > 2048 || !(strings.HasPrefix(*img, "https://") || strings.HasPrefix(*img, "http://")) ||
		strings.ContainsAny(*img, "\r\n\t \x00") {
		return domain.Errorf(domain.CodeValidation, "[body.image] Invalid image URL")
	}
	return nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func optString(v any) *string {
	if s, ok := v.(string); ok && s != "" {
		return &s
	}
	return nil
}

func hexString(b []byte) string { return hex.EncodeToString(b) }

// newIDs draws n fresh 32-character identifiers.
func (s *Server) newIDs(n int) ([]string, error) {
	out := make([]string, n)
	for i := range out {
		id, err := token.New(s.cfg.Rand)
		if err != nil {
			return nil, err
		}
		out[i] = id
	}
	return out, nil
}

// checkCallback validates an optional callbackURL against the trusted origins.
func (s *Server) checkCallback(u *string) error {
	if u == nil {
		return nil
	}
	return s.origins.CheckCallbackURL(*u)
}

// dontRemember reports whether the request carries a valid signed
// better-auth.dont_remember cookie (rememberMe:false sessions are not
// refreshed).
func (s *Server) dontRemember(c echo.Context) bool {
	v, ok := cookies.ReadSigned(c.Request(), s.cookies, cookies.DontRemember)
	return ok && v == "true"
}

// decodeExtra decodes strictly, collecting allowed extra keys.
func decodeExtra(c echo.Context, dst any, allow func(string) bool) (map[string]json.RawMessage, error) {
	return strictjson.DecodeWithExtra(body(c), dst, allow)
}

// hasField reports whether the schema declares the field.
func hasField(schema domain.FieldSchema, name string) bool {
	for _, f := range schema {
		if f.Name == name {
			return true
		}
	}
	return false
}
