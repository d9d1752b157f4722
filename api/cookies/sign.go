package cookies

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// MaxSignedLength bounds the signed values Verify looks at; longer input is
// refused before any work is done.
const MaxSignedLength = 4096

// signatureLength is the length of a padded standard base64 HMAC-SHA256.
const signatureLength = 44

// Sign returns value + "." + base64std(HMAC-SHA256(secret, value)), the
// form better-call signs cookies with (before URL encoding) and the form
// Better Auth sends in the set-auth-token header.
func Sign(secret []byte, value string) string {
	return value + "." + base64.StdEncoding.EncodeToString(mac(secret, value))
}

// Verify checks a signed value (already URL-decoded) and returns the value
// part. It splits at the last '.', requires a non-empty value and a 44-char
// canonical padded base64 signature, and compares in constant time.
func Verify(secret []byte, signed string) (value string, ok bool) {
	value, sig, ok := split(signed)
	if !ok {
		return "", false
	}
	got, err := base64.StdEncoding.Strict().DecodeString(sig)
	if err != nil || len(got) != sha256.Size {
		return "", false
	}
	if !hmac.Equal(got, mac(secret, value)) {
		return "", false
	}
	return value, true
}

// split cuts signed into value and signature without checking the MAC.
func split(signed string) (value, sig string, ok bool) {
	if len(signed) > MaxSignedLength {
		return "", "", false
	}
	dot := strings.LastIndexByte(signed, '.')
	if dot < 1 {
		return "", "", false
	}
	value, sig = signed[:dot], signed[dot+1:]
	if len(sig) != signatureLength || sig[signatureLength-1] != '=' {
		return "", "", false
	}
	return value, sig, true
}

func mac(secret []byte, value string) []byte {
	h := hmac.New(sha256.New, secret)
	h.Write([]byte(value))
	return h.Sum(nil)
}
