package origin

import "strings"

// CheckCallbackURL validates a callbackURL: empty (absent), a relative path
// starting with a single '/', or an absolute http(s) URL whose exact origin
// is trusted. Everything else is ErrInvalidCallbackURL (403), including CR,
// LF and other control characters raw or percent-encoded.
func (c Checker) CheckCallbackURL(raw string) error {
	return c.CheckURL("callbackURL", raw)
}

// CheckURL validates the redirect target in body field field with the rules
// of CheckCallbackURL, answering with the code Better Auth uses for that
// field: INVALID_REDIRECT_URL for "redirectTo", INVALID_ERROR_CALLBACK_URL
// for "errorCallbackURL", INVALID_NEW_USER_CALLBACK_URL for
// "newUserCallbackURL", and INVALID_CALLBACK_URL otherwise.
func (c Checker) CheckURL(field, raw string) error {
	if raw == "" || c.Allowed(raw) {
		return nil
	}
	switch field {
	case "redirectTo":
		return ErrInvalidRedirectURL
	case "errorCallbackURL":
		return ErrInvalidErrorCallbackURL
	case "newUserCallbackURL":
		return ErrInvalidNewUserCallbackURL
	}
	return ErrInvalidCallbackURL
}

// Allowed reports whether raw is a safe redirect target: a same-site
// relative path or an absolute URL on a trusted origin.
func (c Checker) Allowed(raw string) bool {
	if !safeChars(raw) {
		return false
	}
	if strings.HasPrefix(raw, "/") {
		return safeRelative(raw)
	}
	o, ok := originOf(raw)
	return ok && c.trusted(o)
}

// safeRelative mirrors Better Auth's isSafeRelativeURL on input safeChars
// already vetted: one leading slash, and no encoded '/' or '\' in the path
// that a router might decode into "//host".
func safeRelative(raw string) bool {
	if strings.HasPrefix(raw, "//") {
		return false
	}
	path := raw
	if i := strings.IndexAny(raw, "?#"); i >= 0 {
		path = raw[:i]
	}
	lower := strings.ToLower(path)
	return !strings.Contains(lower, "%2f") && !strings.Contains(lower, "%5c")
}
