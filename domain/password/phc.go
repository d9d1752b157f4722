package password

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrMalformedPHC is returned (wrapped, with the reason) for any string that
// is not a well-formed, in-bounds Argon2id PHC string.
var ErrMalformedPHC = errors.New("password: malformed argon2id PHC string")

// maxPHCLen bounds the input before any splitting or decoding: the longest
// valid string ("$argon2id$v=19$m=4294967295,t=4294967295,p=255$" with a
// 48-byte salt and a 64-byte hash) is 197 bytes.
const maxPHCLen = 256

// b64 is the PHC "B64" alphabet: standard base64 without padding; Strict
// rejects non-zero trailing bits.
var b64 = base64.RawStdEncoding.Strict()

// PHC is a parsed Argon2id PHC string. Params.SaltLen and Params.KeyLen are
// the lengths of Salt and Key.
type PHC struct {
	Params Params
	Salt   []byte
	Key    []byte
}

// String encodes h in the PHC format.
func (h PHC) String() string { return Encode(h.Params, h.Salt, h.Key) }

// Encode returns the PHC string
// $argon2id$v=19$m=<KiB>,t=<passes>,p=<threads>$<salt>$<key> with salt and
// key in unpadded standard base64. SaltLen and KeyLen in params are ignored:
// the lengths are those of salt and key.
func Encode(params Params, salt, key []byte) string {
	var b strings.Builder
	b.Grow(64 + b64.EncodedLen(len(salt)) + b64.EncodedLen(len(key)))
	fmt.Fprintf(&b, "$argon2id$v=19$m=%d,t=%d,p=%d$", params.Memory, params.Time, params.Threads)
	b.WriteString(b64.EncodeToString(salt))
	b.WriteByte('$')
	b.WriteString(b64.EncodeToString(key))
	return b.String()
}

// ParsePHC parses an Argon2id PHC string produced by Encode (or by the
// reference implementation). It rejects, without panicking and before
// allocating anything sized by the input: another algorithm or version,
// missing or extra fields, parameters other than exactly m,t,p in that order,
// t=0, p=0 or p>255, m=0, m below 8 KiB per thread or above maxMemoryKiB,
// numbers with signs or leading zeros, a salt outside 8..48 bytes, a hash
// outside 12..64 bytes, and base64 that is padded, invalid, or not the
// canonical encoding of its bytes (non-zero trailing bits, line breaks).
func ParsePHC(s string, maxMemoryKiB uint32) (PHC, error) {
	if len(s) > maxPHCLen {
		return PHC{}, malformed("too long")
	}
	if strings.Count(s, "$") != 5 {
		return PHC{}, malformed("want 5 '$' separators")
	}
	rest, ok := strings.CutPrefix(s, "$argon2id$")
	if !ok {
		return PHC{}, malformed("algorithm is not argon2id")
	}
	rest, ok = strings.CutPrefix(rest, "v=19$")
	if !ok {
		return PHC{}, malformed("version is not 19")
	}
	paramStr, rest, _ := strings.Cut(rest, "$")
	saltStr, keyStr, _ := strings.Cut(rest, "$")
	params, err := parseParams(paramStr, maxMemoryKiB)
	if err != nil {
		return PHC{}, err
	}
	salt, err := decodeB64(saltStr, MinSaltLen, MaxSaltLen, "salt")
	if err != nil {
		return PHC{}, err
	}
	key, err := decodeB64(keyStr, MinKeyLen, MaxKeyLen, "hash")
	if err != nil {
		return PHC{}, err
	}
	params.SaltLen, params.KeyLen = uint32(len(salt)), uint32(len(key))
	return PHC{Params: params, Salt: salt, Key: key}, nil
}

// parseParams parses exactly "m=<n>,t=<n>,p=<n>".
func parseParams(s string, maxMemoryKiB uint32) (Params, error) {
	if strings.Count(s, ",") != 2 {
		return Params{}, malformed("want exactly the parameters m,t,p")
	}
	fields := [3]string{}
	for i, name := range [3]string{"m=", "t=", "p="} {
		var field string
		field, s, _ = strings.Cut(s, ",")
		v, ok := strings.CutPrefix(field, name)
		if !ok {
			return Params{}, malformed("parameters must be m,t,p in that order")
		}
		fields[i] = v
	}
	m, errM := parseUint(fields[0], 32)
	t, errT := parseUint(fields[1], 32)
	p, errP := parseUint(fields[2], 8)
	if err := errors.Join(errM, errT, errP); err != nil {
		return Params{}, err
	}
	switch {
	case t == 0:
		return Params{}, malformed("t must be at least 1")
	case p == 0:
		return Params{}, malformed("p must be at least 1")
	case m == 0 || m < 8*p:
		return Params{}, malformed("m must be at least 8 KiB per thread")
	case m > uint64(maxMemoryKiB):
		return Params{}, malformed(fmt.Sprintf("m above the ceiling of %d KiB", maxMemoryKiB))
	}
	return Params{Memory: uint32(m), Time: uint32(t), Threads: uint8(p)}, nil
}

// parseUint parses a canonical decimal: digits only, no sign, no leading zero.
func parseUint(s string, bits int) (uint64, error) {
	if s == "" || len(s) > 10 || (len(s) > 1 && s[0] == '0') {
		return 0, malformed("parameter is not a canonical decimal")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, malformed("parameter is not a canonical decimal")
		}
	}
	v, err := strconv.ParseUint(s, 10, bits)
	if err != nil {
		return 0, malformed("parameter out of range")
	}
	return v, nil
}

// decodeB64 decodes a canonical unpadded base64 field whose decoded length
// must lie in [minLen, maxLen]. The length is checked before decoding.
func decodeB64(s string, minLen, maxLen int, what string) ([]byte, error) {
	if len(s) < b64.EncodedLen(minLen) || len(s) > b64.EncodedLen(maxLen) {
		return nil, malformed(fmt.Sprintf("%s must be %d..%d bytes", what, minLen, maxLen))
	}
	out, err := b64.DecodeString(s)
	if err != nil {
		return nil, malformed(what + " is not valid unpadded base64")
	}
	if len(out) < minLen || len(out) > maxLen || b64.EncodeToString(out) != s {
		return nil, malformed(what + " is not canonical base64")
	}
	return out, nil
}

func malformed(reason string) error {
	return fmt.Errorf("%w: %s", ErrMalformedPHC, reason)
}
