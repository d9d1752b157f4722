package password

import (
	"errors"
	"testing"
)

// FuzzParsePHC checks that ParsePHC never panics, returns ErrMalformedPHC on
// every failure, and that everything it accepts is in bounds and re-encodes
// to the exact input (one canonical form per hash).
func FuzzParsePHC(f *testing.F) {
	for _, s := range []string{
		goldenPHC,
		"$argon2id$v=19$m=64,t=1,p=1$" + validSalt16 + "$" + validKey32,
		"$argon2id$v=19$m=0,t=0,p=0$$",
		"$argon2id$v=19$m=4294967295,t=4294967295,p=255$" + validSalt16 + "$" + validKey32,
		"$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$PL01amPyeUuxG7H0vIr5X+qHkZvWnHmGBGXFYvh8z2E",
		"$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ=$PL01amPyeUuxG7H0vIr5X+qHkZvWnHmGBGXFYvh8z2E",
		"$argon2id$v=19$m=19456,t=2,p=1,keyid=x$c29tZXNhbHQ$PL01amPyeUuxG7H0vIr5X+qHkZvWnHmGBGXFYvh8z2E",
		"$argon2id$v=19$t=2,m=19456,p=1$c29tZXNhbHQ$PL01amPyeUuxG7H0vIr5X+qHkZvWnHmGBGXFYvh8z2E",
		"$$$$$",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		const ceiling = 1 << 20
		got, err := ParsePHC(s, ceiling)
		if err != nil {
			if !errors.Is(err, ErrMalformedPHC) {
				t.Fatalf("ParsePHC(%q) error %v does not wrap ErrMalformedPHC", s, err)
			}
			return
		}
		p := got.Params
		if p.Time < 1 || p.Threads < 1 || p.Memory < 8*uint32(p.Threads) || p.Memory > ceiling {
			t.Fatalf("ParsePHC(%q) accepted out-of-bounds params %+v", s, p)
		}
		if len(got.Salt) < MinSaltLen || len(got.Salt) > MaxSaltLen || len(got.Key) < MinKeyLen || len(got.Key) > MaxKeyLen {
			t.Fatalf("ParsePHC(%q) accepted salt %d / key %d bytes", s, len(got.Salt), len(got.Key))
		}
		if enc := got.String(); enc != s {
			t.Fatalf("ParsePHC(%q) re-encodes to %q", s, enc)
		}
	})
}
