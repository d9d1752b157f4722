package cookies

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"io"
	"strings"
	"sync"
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

// mac is HMAC-SHA256(secret, value). Keyed HMAC states are pooled per
// secret: Reset returns one to its keyed state, so a request does not
// pay for hashing the key pads again (every request verifies a cookie).
func mac(secret []byte, value string) []byte {
	p := macPool(secret)
	h := p.Get().(hash.Hash)
	h.Reset()
	io.WriteString(h, value)
	sum := h.Sum(make([]byte, 0, sha256.Size))
	p.Put(h)
	return sum
}

var (
	macMu    sync.RWMutex
	macPools = map[string]*sync.Pool{} // by secret; a process has one or two
)

func macPool(secret []byte) *sync.Pool {
	macMu.RLock()
	p := macPools[string(secret)]
	macMu.RUnlock()
	if p != nil {
		return p
	}
	key := append([]byte(nil), secret...)
	macMu.Lock()
	defer macMu.Unlock()
	if p = macPools[string(key)]; p == nil {
		if len(macPools) >= 64 { // secrets made on the fly (tests): stay bounded
			clear(macPools)
		}
		p = &sync.Pool{New: func() any { return hmac.New(sha256.New, key) }}
		macPools[string(key)] = p
	}
	return p
}
