package password

import (
	"errors"
	"testing"

	"github.com/authledger/authledger/domain"
)

// TestPolicyRefusesCommonVariants: variants of listed passwords (case,
// trailing digits and symbols, common substitutions) are refused with
// PASSWORD_TOO_COMMON, and so are passwords zxcvbn finds too guessable;
// unrelated passphrases and random strings pass.
func TestPolicyRefusesCommonVariants(t *testing.T) {
	p := DefaultPolicy()
	for _, pw := range []string{"password123456", "Password1!", "PASSWORD2024!!", "p@ssw0rd99", "P@$$w0rd", "Sunshine2023#",
		"dragon12345678", "qwertyuiop123", "1qaz2wsx3edc", "aaaaaaaaaaaa", "abcdefgh1234", "11111111a"} {
		if err := p.Check(pw, "someone@example.com", "Some One"); !errors.Is(err, domain.ErrPasswordTooCommon) {
			t.Errorf("Check(%q) = %v, want PASSWORD_TOO_COMMON", pw, err)
		}
	}
	for _, pw := range []string{"quietly orange paddle harbor", "correct horse 1", "violet tangerine lamp", "Xk9#mQ2$vLp",
		"密码🦊鍵🔑 密码🦊"} {
		if err := p.Check(pw, "someone@example.com", "Some One"); err != nil {
			t.Errorf("Check(%q) = %v, want nil", pw, err)
		}
	}
	if err := (Policy{MinScore: -1}).Check("abcdefgh1234"); err != nil {
		t.Errorf("with the estimate off: %v", err)
	}
}

// TestVariants: the normalized forms looked up in the blocklist.
func TestVariants(t *testing.T) {
	tests := map[string]string{"Password1!": "password", "password123456": "password", "P@$$w0rd": "password",
		"L0v3ly!": "lovely"}
	for in, want := range tests {
		found := false
		for _, v := range Variants(in) {
			found = found || v == want
		}
		if !found {
			t.Errorf("Variants(%q) = %q, want it to include %q", in, Variants(in), want)
		}
	}
}

// TestStrengthIgnoresCharacterClasses: adding a capital, a digit and a
// symbol to a listed word does not make it strong; length from unrelated
// words does.
func TestStrengthIgnoresCharacterClasses(t *testing.T) {
	if s := Strength("Password1!").Score; s > 1 {
		t.Errorf("Strength(Password1!) = %d, want ≤ 1", s)
	}
	if s := Strength("quietly orange paddle harbor").Score; s < 4 {
		t.Errorf("Strength(passphrase) = %d, want 4", s)
	}
	if a, b := Strength("zorblaxquint-7", "zorblaxquint@example.com"), Strength("zorblaxquint-7"); a.GuessesLog10 >= b.GuessesLog10 {
		t.Errorf("context words do not lower the estimate: %v vs %v", a, b)
	}
}
