package password

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

const (
	goldenPHC = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$PL01amPyeUuxG7H0vIr5X+qHkZvWnHmGBGXFYvh8z2E"
	// validSalt16 and validKey32 are canonical encodings of 16 and 32 bytes.
	validSalt16 = "AAAAAAAAAAAAAAAAAAAAAA"
	validKey32  = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
)

func TestParsePHCAcceptsGolden(t *testing.T) {
	got, err := ParsePHC(goldenPHC, DefaultMaxMemoryKiB)
	if err != nil {
		t.Fatalf("ParsePHC(golden) error = %v", err)
	}
	want := Params{Memory: 19456, Time: 2, Threads: 1, SaltLen: 8, KeyLen: 32}
	if got.Params != want {
		t.Errorf("params = %+v, want %+v", got.Params, want)
	}
	if !bytes.Equal(got.Salt, []byte("somesalt")) {
		t.Errorf("salt = %q, want %q", got.Salt, "somesalt")
	}
	if s := got.String(); s != goldenPHC {
		t.Errorf("re-encoded = %q, want %q", s, goldenPHC)
	}
}

func TestParsePHCRejects(t *testing.T) {
	tail := "$" + validSalt16 + "$" + validKey32
	ok := "$argon2id$v=19$m=19456,t=2,p=1" + tail
	tests := []struct {
		name, in string
	}{
		{"empty", ""},
		{"argon2i", "$argon2i$v=19$m=19456,t=2,p=1" + tail},
		{"argon2d", "$argon2d$v=19$m=19456,t=2,p=1" + tail},
		{"bcrypt", "$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"},
		{"version 16", "$argon2id$v=16$m=19456,t=2,p=1" + tail},
		{"version missing", "$argon2id$m=19456,t=2,p=1" + tail},
		{"t=0", "$argon2id$v=19$m=19456,t=0,p=1" + tail},
		{"p=0", "$argon2id$v=19$m=19456,t=2,p=0" + tail},
		{"p=256", "$argon2id$v=19$m=19456,t=2,p=256" + tail},
		{"m=0", "$argon2id$v=19$m=0,t=2,p=1" + tail},
		{"m below 8p", "$argon2id$v=19$m=15,t=2,p=2" + tail},
		{"m above ceiling", "$argon2id$v=19$m=65537,t=2,p=1" + tail},
		{"m=4294967295", "$argon2id$v=19$m=4294967295,t=2,p=1" + tail},
		{"m overflows uint32", "$argon2id$v=19$m=4294967296,t=2,p=1" + tail},
		{"t overflows uint32", "$argon2id$v=19$m=19456,t=99999999999,p=1" + tail},
		{"leading zero", "$argon2id$v=19$m=019456,t=2,p=1" + tail},
		{"plus sign", "$argon2id$v=19$m=+19456,t=2,p=1" + tail},
		{"negative", "$argon2id$v=19$m=19456,t=-2,p=1" + tail},
		{"hex", "$argon2id$v=19$m=0x4c00,t=2,p=1" + tail},
		{"empty value", "$argon2id$v=19$m=,t=2,p=1" + tail},
		{"params out of order", "$argon2id$v=19$t=2,m=19456,p=1" + tail},
		{"param duplicated", "$argon2id$v=19$m=19456,m=19456,t=2,p=1" + tail},
		{"param missing", "$argon2id$v=19$m=19456,t=2" + tail},
		{"extra param keyid", "$argon2id$v=19$m=19456,t=2,p=1,keyid=abc" + tail},
		{"trailing comma", "$argon2id$v=19$m=19456,t=2,p=1," + tail},
		{"space in params", "$argon2id$v=19$m=19456, t=2,p=1" + tail},
		{"missing hash field", "$argon2id$v=19$m=19456,t=2,p=1$" + validSalt16},
		{"extra field", ok + "$" + validKey32},
		{"trailing dollar", ok + "$"},
		{"no leading dollar", ok[1:]},
		{"salt too short", "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAA$" + validKey32},
		{"salt too long", "$argon2id$v=19$m=19456,t=2,p=1$" + strings.Repeat("A", 66) + "$" + validKey32},
		{"hash too short", "$argon2id$v=19$m=19456,t=2,p=1$" + validSalt16 + "$AAAAAAAAAAAAAAA"},
		{"hash too long", "$argon2id$v=19$m=19456,t=2,p=1$" + validSalt16 + "$" + strings.Repeat("A", 87)},
		{"padded salt", "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ=$" + validKey32},
		{"padded hash", "$argon2id$v=19$m=19456,t=2,p=1$" + validSalt16 + "$" + validKey32 + "="},
		{"url alphabet", "$argon2id$v=19$m=19456,t=2,p=1$" + validSalt16 + "$" + "-_" + validKey32[2:]},
		{"non-zero trailing bits", "$argon2id$v=19$m=19456,t=2,p=1$" + validSalt16 + "$" + validKey32[:42] + "B"},
		{"newline inside base64", "$argon2id$v=19$m=19456,t=2,p=1$c29tZX\nNhbHQ$" + validKey32},
		{"impossible base64 length", "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAA$" + validKey32},
		{"too long overall", ok + strings.Repeat("A", 300)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePHC(tt.in, DefaultMaxMemoryKiB)
			if !errors.Is(err, ErrMalformedPHC) {
				t.Fatalf("ParsePHC(%q) = %+v, %v; want ErrMalformedPHC", tt.in, got, err)
			}
		})
	}
	if _, err := ParsePHC(ok, DefaultMaxMemoryKiB); err != nil {
		t.Fatalf("control string rejected: %v", err)
	}
}

func TestParsePHCBounds(t *testing.T) {
	tests := []struct {
		name     string
		saltLen  int
		keyLen   int
		wantFail bool
	}{
		{"min salt and key", 8, 12, false},
		{"max salt and key", 48, 64, false},
		{"salt 7", 7, 32, true},
		{"salt 49", 49, 32, true},
		{"key 11", 16, 11, true},
		{"key 65", 16, 65, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Encode(Params{Memory: 64, Time: 1, Threads: 1}, make([]byte, tt.saltLen), make([]byte, tt.keyLen))
			_, err := ParsePHC(s, 64)
			if got := err != nil; got != tt.wantFail {
				t.Errorf("ParsePHC(%q) error = %v, want failure %v", s, err, tt.wantFail)
			}
		})
	}
}

func TestParsePHCMaxThreads(t *testing.T) {
	s := Encode(Params{Memory: 8 * 255, Time: 1, Threads: 255}, make([]byte, 16), make([]byte, 32))
	got, err := ParsePHC(s, DefaultMaxMemoryKiB)
	if err != nil {
		t.Fatalf("ParsePHC(%q) error = %v", s, err)
	}
	if got.Params.Threads != 255 {
		t.Errorf("threads = %d, want 255", got.Params.Threads)
	}
}
