package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameLen bounds display names of people and organizations (code points).
const MaxNameLen = 256

// MaxImageURLLen bounds image and logo URLs (bytes).
const MaxImageURLLen = 2048

// ValidName rejects invalid UTF-8, control characters and over-long names
// of people and organizations; a name is stored as given otherwise.
func ValidName(name string) error {
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > MaxNameLen {
		return Errorf(CodeValidation, "[body.name] Invalid name")
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return Errorf(CodeValidation, "[body.name] Name must not contain control characters")
		}
	}
	return nil
}

// ValidImageURL accepts "" or an http(s) URL of bounded length without
// white space or NUL: a person's image, an organization's logo.
func ValidImageURL(u string) error {
	if u == "" {
		return nil
	}
	if len(u) > MaxImageURLLen || !(strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) ||
		strings.ContainsAny(u, "\r\n\t \x00") {
		return Errorf(CodeValidation, "[body.image] Invalid image URL")
	}
	return nil
}
