package password

import (
	_ "embed"
	"hash/maphash"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// commonPasswords is the bundled list, most common first, one per line; see
// README.md in this directory for its source and license.
//
//go:embed commonpasswords.txt
var commonPasswords string

// Blocklist is a set of passwords that are refused because attackers try
// them first. Matching is case-insensitive. A Blocklist is immutable and safe
// for concurrent use.
//
// It holds a 64-bit hash of each entry (hash/maphash, seeded per list), not
// the entry: a map of integers holds no pointers, so the garbage collector
// does not walk its entries on every cycle. As a map of strings the bundled
// list was 2 MiB of pointers that a server's collector marked again each
// time, a sixth of its live heap. Two passwords share a hash with a chance
// of one in 2^64 per pair: at worst a password is refused as common.
type Blocklist struct {
	seed maphash.Seed
	set  map[uint64]struct{}
}

// NewBlocklist returns a Blocklist of the given entries; empty entries are
// ignored.
func NewBlocklist(entries []string) *Blocklist {
	b := &Blocklist{seed: maphash.MakeSeed(), set: make(map[uint64]struct{}, len(entries))}
	for _, e := range entries {
		if e != "" {
			b.set[b.key(strings.ToLower(e))] = struct{}{}
		}
	}
	return b
}

// key is the set's key of a lower-cased entry.
func (b *Blocklist) key(lower string) uint64 { return maphash.String(b.seed, lower) }

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
	_, ok := b.set[b.key(strings.ToLower(password))]
	return ok
}

// ContainsVariant reports whether password or a common variant of a
// listed password is on the list: the lookup is repeated on the password
// lower-cased, without its trailing digits and symbols ("password123456",
// "Password1!"), and with common substitutions undone ("p@ssw0rd" →
// "password"; '1' tried as both 'i' and 'l'). A base shorter than
// minVariantBase code points is not looked up, so that a strong password
// is not refused for ending in digits after a short listed word.
func (b *Blocklist) ContainsVariant(password string) bool {
	if b == nil {
		return false
	}
	for _, v := range Variants(password) {
		if _, ok := b.set[b.key(v)]; ok {
			return true
		}
	}
	return false
}

// minVariantBase is the shortest stripped or substituted base that
// ContainsVariant looks up.
const minVariantBase = 4

// leet undoes the common substitutions; '1' is tried both ways.
var (
	leetI = strings.NewReplacer("@", "a", "4", "a", "8", "b", "(", "c", "3", "e", "6", "g", "9", "g", "1", "i", "!", "i",
		"|", "i", "0", "o", "$", "s", "5", "s", "7", "t", "+", "t", "2", "z")
	leetL = strings.NewReplacer("@", "a", "4", "a", "8", "b", "(", "c", "3", "e", "6", "g", "9", "g", "1", "l", "!", "i",
		"|", "l", "0", "o", "$", "s", "5", "s", "7", "t", "+", "t", "2", "z")
)

// Variants returns the normalized forms ContainsVariant looks up: the
// lower-cased password; without trailing digits and symbols; and both of
// those with common substitutions undone (bases shorter than
// minVariantBase left out).
func Variants(password string) []string {
	lower := strings.ToLower(password)
	out := []string{lower}
	add := func(v string) {
		if utf8.RuneCountInString(v) >= minVariantBase && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	base := strings.TrimRightFunc(lower, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) })
	add(base)
	for _, v := range []string{lower, base} {
		add(leetI.Replace(v))
		add(leetL.Replace(v))
	}
	return out
}

// Len returns the number of distinct entries.
func (b *Blocklist) Len() int {
	if b == nil {
		return 0
	}
	return len(b.set)
}
