package totp

import (
	"bytes"
	"crypto/rand"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/tooltest"
)

// TestRFC6238Vectors checks the SHA-1 vectors of RFC 6238 appendix B.
func TestRFC6238Vectors(t *testing.T) {
	key := []byte("12345678901234567890")
	tests := []struct {
		unix int64
		want string
	}{
		{59, "94287082"}, {1111111109, "07081804"}, {1111111111, "14050471"},
		{1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
	}
	for _, tt := range tests {
		got := HOTP(key, uint64(Step(time.Unix(tt.unix, 0))), 8)
		if got != tt.want {
			t.Errorf("T=%d: got %s, want %s", tt.unix, got, tt.want)
		}
	}
}

// TestOathtool checks codes against oathtool, an independent implementation.
func TestOathtool(t *testing.T) {
	if _, err := exec.LookPath("oathtool"); err != nil {
		tooltest.Missing(t, "oathtool", "apt-get install oathtool; .ci/run installs it")
	}
	secret, err := NewSecret(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	key, err := DecodeSecret(secret)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{time.Unix(0, 0), time.Unix(1700000000, 0), time.Now()} {
		out, err := exec.Command("oathtool", "--totp", "-b", "--now", at.UTC().Format("2006-01-02 15:04:05 UTC"), secret).Output()
		if err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSpace(string(out))
		if got := Code(key, Step(at)); got != want {
			t.Errorf("at %v: got %s, want %s (oathtool)", at, got, want)
		}
		if step, ok := Match(key, want, at); !ok || step != Step(at) {
			t.Errorf("Match(oathtool code) = %d, %v", step, ok)
		}
	}
}

func TestMatchWindow(t *testing.T) {
	key := []byte("12345678901234567890")
	now := time.Unix(1700000000, 0)
	cur := Step(now)
	tests := []struct {
		name   string
		step   int64
		wantOK bool
	}{
		{"current", cur, true}, {"one step old", cur - 1, true}, {"one step ahead", cur + 1, true},
		{"two steps old", cur - 2, false}, {"two steps ahead", cur + 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Match(key, Code(key, tt.step), now)
			if ok != tt.wantOK || (ok && got != tt.step) {
				t.Errorf("got step %d ok %v, want %d %v", got, ok, tt.step, tt.wantOK)
			}
		})
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef"} {
		if _, ok := Match(key, bad, now); ok {
			t.Errorf("Match(%q) accepted", bad)
		}
	}
}

func TestSecret(t *testing.T) {
	s, err := NewSecret(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	key, err := DecodeSecret(strings.ToLower(s))
	if err != nil || len(key) != SecretSize {
		t.Fatalf("DecodeSecret: %d bytes, %v", len(key), err)
	}
	for _, bad := range []string{"", "AAAA", "!!!!", strings.Repeat("A", 16)} {
		if _, err := DecodeSecret(bad); !errors.Is(err, ErrBadSecret) {
			t.Errorf("DecodeSecret(%q) = %v, want ErrBadSecret", bad, err)
		}
	}
	if _, err := NewSecret(bytes.NewReader(nil)); err == nil {
		t.Error("NewSecret on an empty reader succeeded")
	}
}

func TestURI(t *testing.T) {
	got := URI("ba-peer", "alice@example.com", "JRJEGVSRMV5DKN3LHBEFG3KJJQWXQ4LEOVHFKOKZL5IEO5SIJNEA")
	want := "otpauth://totp/ba-peer:alice@example.com?secret=JRJEGVSRMV5DKN3LHBEFG3KJJQWXQ4LEOVHFKOKZL5IEO5SIJNEA&issuer=ba-peer&digits=6&period=30"
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestBackupCodes(t *testing.T) {
	codes, err := NewBackupCodes(rand.Reader, BackupCodeCount)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if !ValidBackupCode(c) {
			t.Errorf("bad shape %q", c)
		}
		if seen[c] {
			t.Errorf("duplicate %q", c)
		}
		seen[c] = true
		if h := HashBackupCode(c); len(h) != 64 || strings.Contains(h, c) {
			t.Errorf("hash %q", h)
		}
	}
	if got := len(codes); got != BackupCodeCount {
		t.Errorf("got %d codes, want %d", got, BackupCodeCount)
	}
	for _, bad := range []string{"", "abcde_fghij", "abcdefghijk", "abcde-fghi!"} {
		if ValidBackupCode(bad) {
			t.Errorf("ValidBackupCode(%q) = true", bad)
		}
	}
}

func FuzzDecodeSecret(f *testing.F) {
	for _, s := range []string{"JRJEGVSRMV5DKN3LHBEFG3KJJQWXQ4LEOVHFKOKZL5IEO5SIJNEA", "", "====", "a b c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		key, err := DecodeSecret(s)
		if err == nil && len(key) < SecretSize {
			t.Fatalf("accepted a %d-byte secret", len(key))
		}
	})
}

func BenchmarkMatch(b *testing.B) {
	key := []byte("12345678901234567890")
	now := time.Unix(1700000000, 0)
	for b.Loop() {
		Match(key, "000000", now)
	}
}
