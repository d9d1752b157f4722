package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAuditRotateKey: "authledger audit rotate-key" replaces the
// generated checkpoint key; the checkpoints signed before stay verifiable
// through the retired public key, those signed after verify with the new
// key; without the retired key, or with a retired key whose validity ends
// before its checkpoints, verification fails; --audit-key deployments are
// refused (they rotate by configuration).
func TestAuditRotateKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	cli := []string{"--data-dir", dir, "--secret", e2eSecret}
	events := filepath.Join(dir, "events.db")
	traffic := func(tag string) {
		s := startServer(t, dir, crashHashArgs...)
		for _, e := range []string{tag + "1@example.org", tag + "2@example.org"} {
			if o := signUpOnce(context.Background(), httpClient(), s.URL, e); o.status != 200 {
				t.Fatalf("sign-up %s: %d", e, o.status)
			}
		}
		s.Stop() // the chainer signs the tail on the way out
	}
	traffic("before")
	signedBefore := countRows(t, events, "chain_checkpoints")
	oldKey, _ := os.ReadFile(filepath.Join(dir, chainKeyFile))
	if signedBefore == 0 {
		t.Fatal("no checkpoint signed before the rotation")
	}
	out := runAuthledger(t, append([]string{"audit", "rotate-key"}, cli...)...)
	newKey, _ := os.ReadFile(filepath.Join(dir, chainKeyFile))
	if !strings.Contains(out, "BEGIN PUBLIC KEY") || strings.Contains(out, "PRIVATE") || string(newKey) == string(oldKey) {
		t.Fatalf("rotate-key: %s", out)
	}
	verifyOK(t, cli, signedBefore)
	traffic("after")
	signedAfter := countRows(t, events, "chain_checkpoints")
	if signedAfter <= signedBefore {
		t.Fatalf("no checkpoint signed after the rotation (%d)", signedAfter)
	}
	verifyOK(t, cli, signedAfter)

	tests := []struct {
		name string
		edit func(t *testing.T, dir string)
	}{
		{"retired key dropped", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, retiredKeysFile)); err != nil {
				t.Fatal(err)
			}
		}},
		{"retired before it signed", func(t *testing.T, dir string) {
			path := filepath.Join(dir, retiredKeysFile)
			entries, err := readRetired(path)
			if err != nil || len(entries) != 1 {
				t.Fatalf("retired keys: %v %v", entries, err)
			}
			entries[0].RetiredAt = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
			b, _ := json.Marshal(entries)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cp := copyDataDir(t, dir)
			tt.edit(t, cp)
			o, err := runAuthledgerErr(t, "audit", "verify", "--data-dir", cp, "--secret", e2eSecret)
			if err == nil || !strings.Contains(o, "bad_signature") {
				t.Errorf("verify with %s: %v\n%s", tt.name, err, o)
			}
		})
	}
	pem := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(pem, newKey, 0o600); err != nil {
		t.Fatal(err)
	}
	if o, err := runAuthledgerErr(t, append([]string{"audit", "rotate-key", "--audit-key", pem}, cli...)...); err == nil {
		t.Errorf("rotate-key with --audit-key was accepted: %s", o)
	}
}

// verifyOK runs "audit verify" and checks it passes over at least n
// checkpoints.
func verifyOK(t *testing.T, cli []string, n uint64) {
	t.Helper()
	out := runAuthledger(t, append([]string{"audit", "verify", "--json"}, cli...)...)
	var rep struct {
		OK          bool   `json:"ok"`
		Checkpoints uint64 `json:"checkpoints"`
	}
	if err := json.Unmarshal([]byte(out[:strings.LastIndex(out, "}")+1]), &rep); err != nil || !rep.OK || rep.Checkpoints < n {
		t.Fatalf("audit verify: %+v (want ≥ %d checkpoints) %v\n%s", rep, n, err, out)
	}
}
