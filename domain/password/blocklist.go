package password

import (
	_ "embed"
	"strings"
)

// commonPasswords is the bundled list, most common first, one per line; see
// README.md in this directory for its source and license.
//
//go:embed commonpasswords.txt
var commonPasswords string

// Blocklist is a set of passwords that are refused because attackers try
// them first. Matching is case-insensitive. A Blocklist is immutable and safe
// for concurrent use.
type Blocklist struct {
	set map[string]struct{}
}

// NewBlocklist returns a Blocklist of the given entries; empty entries are
// ignored.
func NewBlocklist(entries []string) *Blocklist {
	b := &Blocklist{set: make(map[string]struct{}, len(entries))}
	for _, e := range entries {
		if e != "" {
			b.set[strings.ToLower(e)] = struct{}{}
		}
	}
	return b
}

// DefaultBlocklist returns the bundled list of about 49,000 common passwords
// (the zxcvbn "passwords" frequency list). Building it takes a few
// milliseconds and a few MiB: build it once and share it.
func DefaultBlocklist() *Blocklist {
	return NewBlocklist(BundledEntries())
}

// BundledEntries returns the bundled list's entries, most common first.
func BundledEntries() []string {
	return strings.Split(strings.TrimSuffix(commonPasswords, "\n"), "\n")
}

// Contains reports whether password, ignoring case, is on the list.
func (b *Blocklist) Contains(password string) bool {
	if b == nil {
		return false
	}
	_, ok := b.set[strings.ToLower(password)]
	return ok
}

// Len returns the number of distinct entries.
func (b *Blocklist) Len() int {
	if b == nil {
		return 0
	}
	return len(b.set)
}
