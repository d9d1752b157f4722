package webhooks

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/authledger/authledger/eventstore"
)

// Payload is the body of a delivery (the Standard Webhooks shape): the
// event's type, when it occurred, and its data.
type Payload struct {
	Type      string         `json:"type"`
	Timestamp time.Time      `json:"timestamp"`
	Data      map[string]any `json:"data"`
}

// sealedPrefix marks a sealed value in a stored record.
const sealedPrefix = "sealed:v1:"

// piiAllowed are the sealed fields an endpoint with includePii receives,
// decrypted; anything else sealed (TOTP secrets, codes…) never leaves.
var piiAllowed = map[string]bool{"email": true, "name": true, "image": true, "reason": true, "fields": true,
	"ip": true, "userAgent": true, "newEmail": true, "oldEmail": true}

// secretWords mark a field that is never delivered, sealed or not:
// hashes, secrets, tokens, codes, passwords.
var secretWords = []string{"hash", "secret", "token", "code", "password", "challenge", "verifier", "nonce"}

// secretName reports whether a field name holds a secret by its name.
func secretName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// buildPayload renders rec for an endpoint: the stored fields without
// secrets and sealed values; with pii, the allowed sealed fields opened
// by the codec (empty for an erased person: the key is gone).
func buildPayload(ctx context.Context, dec Decoder, rec eventstore.Record, pii bool) ([]byte, error) {
	var data map[string]any
	if err := json.Unmarshal(rec.Data, &data); err != nil || data == nil {
		data = map[string]any{}
	}
	var opened map[string]any
	if pii {
		ev, meta, err := dec.Decode(ctx, rec)
		if err != nil {
			return nil, err
		}
		raw, err := json.Marshal(ev)
		if err != nil {
			return nil, err
		}
		_ = json.Unmarshal(raw, &opened)
		if meta.IP != "" {
			data["ip"] = sealedPrefix
			opened["ip"] = meta.IP
		}
		if meta.UserAgent != "" {
			data["userAgent"] = sealedPrefix
			opened["userAgent"] = meta.UserAgent
		}
	}
	clean(data, opened)
	return json.Marshal(Payload{Type: rec.Type, Timestamp: rec.OccurredAt.UTC(), Data: data})
}

// clean drops secret-named fields and sealed values from data, putting
// back, from opened (nil: none), the allowed personal ones; nested
// objects are cleaned the same way.
func clean(data, opened map[string]any) {
	for k, v := range data {
		if secretName(k) {
			delete(data, k)
			continue
		}
		switch v := v.(type) {
		case string:
			if !strings.HasPrefix(v, sealedPrefix) {
				continue
			}
			delete(data, k)
			if s, ok := opened[k].(string); ok && s != "" && piiAllowed[k] {
				data[k] = s
			}
		case map[string]any:
			sub, _ := opened[k].(map[string]any)
			clean(v, sub)
		}
	}
}
