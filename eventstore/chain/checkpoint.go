package chain

import (
	"crypto/ed25519"
	"encoding/binary"
	"fmt"
	"time"
)

// signContext separates checkpoint signatures from any other use of the key.
const signContext = "authledger chain checkpoint v1\x00"

// SignedMessage returns the bytes a checkpoint's signature covers:
//
//	"authledger chain checkpoint v1" 0x00 ‖ Position.Hi uint64 ‖ Position.Lo uint64 ‖
//	Hash (32 bytes) ‖ Count uint64 ‖ Time as Unix nanoseconds int64
//
// integers big-endian.
func SignedMessage(cp Checkpoint) []byte {
	b := make([]byte, 0, len(signContext)+8+8+len(cp.Hash)+8+8)
	b = append(b, signContext...)
	b = binary.BigEndian.AppendUint64(b, cp.Position.Hi)
	b = binary.BigEndian.AppendUint64(b, cp.Position.Lo)
	b = append(b, cp.Hash[:]...)
	b = binary.BigEndian.AppendUint64(b, cp.Count)
	return binary.BigEndian.AppendUint64(b, uint64(cp.Time.UnixNano()))
}

// Sign returns a checkpoint for head at time t, signed with key.
func Sign(key ed25519.PrivateKey, head Link, t time.Time) (Checkpoint, error) {
	if len(key) != ed25519.PrivateKeySize {
		return Checkpoint{}, fmt.Errorf("%w: private key has %d bytes", ErrNoKey, len(key))
	}
	cp := Checkpoint{Count: head.Seq, Position: head.Position, Hash: head.Hash, Time: time.Unix(0, t.UnixNano()).UTC()}
	cp.Signature = ed25519.Sign(key, SignedMessage(cp))
	return cp, nil
}

// Valid reports whether cp's signature verifies with pub.
func (cp Checkpoint) Valid(pub ed25519.PublicKey) bool {
	return len(pub) == ed25519.PublicKeySize && len(cp.Signature) == ed25519.SignatureSize &&
		ed25519.Verify(pub, SignedMessage(cp), cp.Signature)
}
