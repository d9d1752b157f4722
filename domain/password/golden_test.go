package password

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/authledger/authledger/domain/tooltest"
	"golang.org/x/crypto/argon2"
)

// goldenParams are the production params with the golden vector's 8-byte salt.
var goldenParams = Params{Memory: 19456, Time: 2, Threads: 1, SaltLen: 8, KeyLen: 32}

// TestGoldenVector: the Go hasher matches the reference
// implementation (Debian's argon2 CLI) byte for byte.
func TestGoldenVector(t *testing.T) {
	key := argon2.IDKey([]byte("password"), []byte("somesalt"), 2, 19456, 1, 32)
	if got := Encode(goldenParams, []byte("somesalt"), key); got != goldenPHC {
		t.Fatalf("Encode = %q, want %q", got, goldenPHC)
	}
}

// TestGoldenVectorHasher checks the same vector through Hasher.Hash with a
// fixed salt source.
func TestGoldenVectorHasher(t *testing.T) {
	h := NewHasher(goldenParams, 1)
	h.Rand = strings.NewReader("somesalt")
	got, err := h.Hash(context.Background(), "password")
	if err != nil {
		t.Fatalf("Hash error = %v", err)
	}
	if got != goldenPHC {
		t.Fatalf("Hash = %q, want %q", got, goldenPHC)
	}
}

// TestGoldenVectorCLI runs the reference argon2 CLI when installed
// (apt-get install argon2) and compares it with the Go hasher.
func TestGoldenVectorCLI(t *testing.T) {
	bin, err := exec.LookPath("argon2")
	if err != nil {
		tooltest.Missing(t, "argon2", "apt-get install argon2; .ci/run installs it; the golden constant is still checked by TestGoldenVector")
	}
	cases := []struct {
		password, salt string
		params         Params
	}{
		{"password", "somesalt", goldenParams},
		{"quietly orange paddle harbor", "0123456789abcdef", Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 16}},
		{"Ünïcödé 🔑 密码", "saltsaltsaltsalt", Params{Memory: 256, Time: 3, Threads: 2, KeyLen: 64}},
	}
	for _, c := range cases {
		cmd := exec.Command(bin, c.salt, "-id", "-t", itoa(c.params.Time), "-k", itoa(c.params.Memory),
			"-p", itoa(uint32(c.params.Threads)), "-l", itoa(c.params.KeyLen), "-e")
		cmd.Stdin = strings.NewReader(c.password)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("argon2 CLI: %v", err)
		}
		p := c.params
		want := Encode(p, []byte(c.salt), argon2.IDKey([]byte(c.password), []byte(c.salt), p.Time, p.Memory, p.Threads, p.KeyLen))
		if got := string(bytes.TrimSpace(out)); got != want {
			t.Errorf("CLI = %q, Go = %q", got, want)
		}
	}
}

// TestProductionFormat: a hash made with the production
// config has exactly the expected shape.
func TestProductionFormat(t *testing.T) {
	re := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	got, err := NewHasher(DefaultParams(), 1).Hash(context.Background(), "quietly orange paddle harbor")
	if err != nil {
		t.Fatalf("Hash error = %v", err)
	}
	if !re.MatchString(got) {
		t.Fatalf("Hash = %q, does not match %s", got, re)
	}
}

func itoa(v uint32) string { return strconv.FormatUint(uint64(v), 10) }
