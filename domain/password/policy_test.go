package password

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/authledger/authledger/domain"
)

// mixed builds a password of n code points from emoji, CJK and spaces.
func mixed(n int) string {
	parts := []rune("🔑密 码🦊鍵")
	var b strings.Builder
	for i := range n {
		b.WriteRune(parts[i%len(parts)])
	}
	return b.String()
}

func TestPolicyLengths(t *testing.T) {
	nist := Policy{MinLength: 15, MaxLength: 256}
	tests := []struct {
		name     string
		policy   Policy
		password string
		want     error
	}{
		// Checklist item 1: multi-byte characters count as one each.
		{"14 CJK code points under min 15", nist, strings.Repeat("密", 14), domain.ErrPasswordTooShort},
		{"15 CJK code points under min 15", nist, strings.Repeat("密", 15), nil},
		{"14 ASCII under min 15", nist, "kwqzvbrtmxpjnh", domain.ErrPasswordTooShort},
		{"15 ASCII under min 15", nist, "kwqzvbrtmxpjnhd", nil},
		// Checklist item 2.
		{"64 mixed", nist, mixed(64), nil},
		{"128 mixed", nist, mixed(128), nil},
		{"256 mixed", nist, mixed(256), nil},
		{"256 emoji (1024 bytes)", nist, strings.Repeat("🦊", 256), nil},
		{"257 CJK", nist, strings.Repeat("鍵", 257), domain.ErrPasswordTooLong},
		{"257 emoji", nist, strings.Repeat("🦊", 257), domain.ErrPasswordTooLong},
		// Defaults: 8..128 code points, 1024 bytes.
		{"default 7", Policy{}, "kwqzvbr", domain.ErrPasswordTooShort},
		{"default 8", Policy{}, "kwqzvbrt", nil},
		{"default 128", Policy{}, mixed(128), nil},
		{"default 129", Policy{}, mixed(129), domain.ErrPasswordTooLong},
		// a huge password fails on bytes before anything else.
		{"1 MiB", nist, strings.Repeat("a", 1<<20), domain.ErrPasswordTooLong},
		{"1 MiB invalid UTF-8", nist, strings.Repeat("\xff", 1<<20), domain.ErrPasswordTooLong},
		{"1025 bytes", Policy{MaxLength: 2000}, strings.Repeat("a", 1025), domain.ErrPasswordTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.policy.Check(tt.password)
			if tt.want == nil && got != nil || !errors.Is(got, tt.want) {
				t.Errorf("Check(%d code points) = %v, want %v", utf8.RuneCountInString(tt.password), got, tt.want)
			}
		})
	}
}

func TestPolicyInvalidUTF8(t *testing.T) {
	err := Policy{}.Check("p\xffwassword")
	if got := domain.CodeOf(err); got != domain.CodeValidation {
		t.Fatalf("Check(invalid UTF-8) code = %s (%v), want %s", got, err, domain.CodeValidation)
	}
}

// TestPolicyBundledBlocklist: the first 3000 entries of
// the bundled list that fit the policy's length are all rejected, in any case.
func TestPolicyBundledBlocklist(t *testing.T) {
	p := DefaultPolicy()
	checked := 0
	for _, e := range BundledEntries() {
		if checked == 3000 {
			break
		}
		if n := utf8.RuneCountInString(e); n < DefaultMinLength || n > DefaultMaxLength {
			continue
		}
		checked++
		for _, variant := range []string{e, strings.ToUpper(e)} {
			if err := p.Check(variant); !errors.Is(err, domain.ErrPasswordTooCommon) {
				t.Fatalf("Check(%q) = %v, want ErrPasswordTooCommon", variant, err)
			}
		}
	}
	if checked != 3000 {
		t.Fatalf("checked %d entries, want 3000", checked)
	}
	if got := p.Blocklist.Len(); got < 3000 {
		t.Errorf("bundled list has %d entries, want at least 3000", got)
	}
}

func TestPolicyAcceptsPassphrase(t *testing.T) {
	// Checklist item 5: no composition rules.
	if err := DefaultPolicy().Check("quietly orange paddle harbor", "jane.doe@example.com", "Jane Doe"); err != nil {
		t.Fatalf("Check(passphrase) = %v, want nil", err)
	}
}

// TestPolicyContext: a password made of the email's local part or the
// name is refused.
func TestPolicyContext(t *testing.T) {
	p := Policy{RejectContext: true}
	ctx := []string{"Marguerite.Okafor@example.com", "Marguerite Al Okafor"}
	tests := []struct {
		name, password string
		want           error
	}{
		{"equals local part", "marguerite.okafor", domain.ErrPasswordContext},
		{"contains name word, other case", "xxMARGUERITExx99", domain.ErrPasswordContext},
		{"contains surname", "okafor-2024-rocks", domain.ErrPasswordContext},
		{"contains product name", "MyAuthLedgerPass", domain.ErrPasswordContext},
		{"short name word ignored", "al-is-not-checked", nil},
		{"domain not a context word", "example-domain-pw", nil},
		{"unrelated", "quietly orange paddle harbor", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := p.Check(tt.password, ctx...)
			if tt.want == nil && got != nil || !errors.Is(got, tt.want) {
				t.Errorf("Check(%q) = %v, want %v", tt.password, got, tt.want)
			}
		})
	}
	if err := (Policy{}).Check("MyAuthLedgerPass", ctx...); err != nil {
		t.Errorf("RejectContext off: Check = %v, want nil", err)
	}
}

func TestContextWords(t *testing.T) {
	got := ContextWords("Jo.Anne-Smith@example.com", "José Ng")
	want := []string{"authledger", "jo.anne-smith", "anne", "smith", "josé"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("ContextWords = %q, want %q", got, want)
	}
}

func TestBlocklist(t *testing.T) {
	b := NewBlocklist([]string{"Hunter2Hunter2", "", "hunter2hunter2"})
	if b.Len() != 1 {
		t.Errorf("Len = %d, want 1", b.Len())
	}
	if !b.Contains("HUNTER2hunter2") {
		t.Errorf("Contains is not case-insensitive")
	}
	var none *Blocklist
	if none.Contains("password") || none.Len() != 0 {
		t.Errorf("nil Blocklist must be empty")
	}
}
