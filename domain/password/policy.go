package password

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/authledger/authledger/domain"
)

// Policy defaults. The minimum stays at Better Auth's 8 for compatibility.
const (
	DefaultMinLength = 8
	DefaultMaxLength = 128
	DefaultMaxBytes  = 1024
	// ProductName is always a context word when RejectContext is set.
	ProductName = "authledger"
	// minContextWord is the shortest context word checked, so that short
	// name parts such as "al" do not reject unrelated passwords.
	minContextWord = 4
)

// Policy decides which new passwords are acceptable (NIST SP 800-63B rev 4
// §3.1.1.2, OWASP ASVS 5.0 §6.2): a length range counted in Unicode code
// points, a byte cap checked before anything else so huge inputs never reach
// Argon2, a blocklist of common passwords looked up after normalization
// (case, common substitutions, trailing digits and symbols), context
// words, and a zxcvbn guessability estimate (Strength). It imposes no
// composition rules (no "one digit, one capital").
//
// NIST SP 800-63B rev 4 asks for at least 15 code points when a password is
// the only factor (8 when it is part of multi-factor authentication). The
// default MinLength is 8 for Better Auth compatibility; deployments where
// passwords stand alone should set MinLength to 15.
//
// Zero fields take the defaults: MinLength 8, MaxLength 128, MaxBytes 1024.
type Policy struct {
	MinLength int // minimum length in code points
	MaxLength int // maximum length in code points (at least 64 recommended)
	MaxBytes  int // maximum length in bytes, checked first
	// Blocklist, when set, rejects listed passwords (case-insensitively).
	Blocklist *Blocklist
	// RejectContext rejects passwords containing a context word: the email
	// local part or a name word of 4+ code points, or ProductName.
	RejectContext bool
	// MinScore is the least zxcvbn score (Strength) a new password needs,
	// 1..4; 0 means DefaultMinScore and a negative value turns the
	// estimate off.
	MinScore int
}

// DefaultPolicy returns the default lengths with the bundled blocklist and
// context words on.
func DefaultPolicy() Policy {
	return Policy{
		MinLength:     DefaultMinLength,
		MaxLength:     DefaultMaxLength,
		MaxBytes:      DefaultMaxBytes,
		Blocklist:     DefaultBlocklist(),
		RejectContext: true,
	}
}

// Check returns nil when password is acceptable. context holds the user's
// email address and name (any strings: emails contribute their local part,
// every string contributes its words). Errors wrap domain.ErrPasswordTooLong,
// ErrPasswordTooShort, ErrPasswordTooCommon or ErrPasswordContext; invalid
// UTF-8 is a domain.CodeValidation error.
func (p Policy) Check(password string, context ...string) error {
	minLen, maxLen, maxBytes := p.limits()
	if len(password) > maxBytes {
		return fmt.Errorf("%w: more than %d bytes", domain.ErrPasswordTooLong, maxBytes)
	}
	if !utf8.ValidString(password) {
		return domain.Errorf(domain.CodeValidation, "password is not valid UTF-8")
	}
	n := utf8.RuneCountInString(password)
	if n < minLen {
		return fmt.Errorf("%w: at least %d characters required", domain.ErrPasswordTooShort, minLen)
	}
	if n > maxLen {
		return fmt.Errorf("%w: at most %d characters allowed", domain.ErrPasswordTooLong, maxLen)
	}
	if p.Blocklist.ContainsVariant(password) {
		return fmt.Errorf("%w: it appears on a list of commonly used passwords", domain.ErrPasswordTooCommon)
	}
	if p.RejectContext && containsContext(password, context) {
		return fmt.Errorf("%w: it contains your email, your name or the product name", domain.ErrPasswordContext)
	}
	if min := p.minScore(); min > 0 && Strength(password, context...).Score < min {
		return fmt.Errorf("%w: it is too easy to guess; a few unrelated words make a strong password", domain.ErrPasswordTooCommon)
	}
	return nil
}

// minScore is MinScore with its default (0 when the estimate is off).
func (p Policy) minScore() int {
	switch {
	case p.MinScore < 0:
		return 0
	case p.MinScore == 0:
		return DefaultMinScore
	case p.MinScore > 4:
		return 4
	}
	return p.MinScore
}

func (p Policy) limits() (minLen, maxLen, maxBytes int) {
	minLen, maxLen, maxBytes = p.MinLength, p.MaxLength, p.MaxBytes
	if minLen <= 0 {
		minLen = DefaultMinLength
	}
	if maxLen <= 0 {
		maxLen = DefaultMaxLength
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	return minLen, maxLen, maxBytes
}

// containsContext reports whether password contains, ignoring case, any
// context word.
func containsContext(password string, context []string) bool {
	lower := strings.ToLower(password)
	for _, w := range ContextWords(context...) {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// ContextWords returns the lower-cased words Policy.Check refuses inside a
// password: ProductName, and for each context string its email local part
// (the text before the last '@', if any) and its words (runs of letters and
// digits), keeping those of at least 4 code points.
func ContextWords(context ...string) []string {
	words := []string{ProductName}
	add := func(w string) {
		if utf8.RuneCountInString(w) >= minContextWord {
			words = append(words, strings.ToLower(w))
		}
	}
	for _, c := range context {
		if i := strings.LastIndexByte(c, '@'); i >= 0 {
			c = c[:i]
			add(c)
		}
		for _, w := range strings.FieldsFunc(c, notWordRune) {
			add(w)
		}
	}
	return words
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
