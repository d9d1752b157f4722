package main

import (
	"archive/tar"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRestoreChecks: restore takes only an authledger backup, refuses a
// non-empty data directory without --force, and with --force leaves no
// file of the old deployment a backup could hold (a later kek-secret
// would make the restored keys unreadable).
func TestRestoreChecks(t *testing.T) {
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "data")
	env := func(string) string { return "" }
	if err := run(ctx, []string{"migrate", "--data-dir", src, "--secret", e2eSecret, "--log-level", "error"}, env, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "b.tar")
	if err := run(ctx, []string{"backup", "--out", archive, "--data-dir", src, "--secret", e2eSecret}, env, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	forged := func(name string) string {
		var b bytes.Buffer
		tw := tar.NewWriter(&b)
		_ = tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: 1, Typeflag: tar.TypeReg})
		_, _ = tw.Write([]byte("x"))
		_ = tw.Close()
		path := filepath.Join(t.TempDir(), "forged.tar")
		if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	notTar := filepath.Join(t.TempDir(), "garbage")
	if err := os.WriteFile(notTar, bytes.Repeat([]byte("garbage!"), 200), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from string
		force      bool
		existing   []string // files in the target before the restore
		wantErr    string
		wantGone   []string // files the restore must have removed
	}{
		{"empty directory", archive, false, nil, "", nil},
		{"non-empty without --force", archive, false, []string{"events.db"}, "not empty", nil},
		{"--force drops a stale kek-secret", archive, true, []string{kekSecretFile, "events.db-wal"}, "", []string{kekSecretFile, "events.db-wal"}},
		{"path escape", forged("../x"), false, nil, "unexpected entry", nil},
		{"foreign file", forged("passwd"), false, nil, "unexpected entry", nil},
		{"no log", forged(secretFile), false, nil, "no events.db", nil},
		{"not a tar", notTar, false, nil, "not an authledger backup", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "restored")
			if err := os.MkdirAll(dst, 0o700); err != nil {
				t.Fatal(err)
			}
			for _, f := range tt.existing {
				if err := os.WriteFile(filepath.Join(dst, f), []byte("old deployment, 32 characters long"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			args := []string{"restore", "--from", tt.from, "--data-dir", dst}
			if tt.force {
				args = append(args, "--force")
			}
			err := run(ctx, args, env, io.Discard, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range tt.wantGone {
				if _, err := os.Stat(filepath.Join(dst, f)); err == nil {
					t.Errorf("%s survived the restore", f)
				}
			}
			for _, f := range []string{"events.db", "ontology.db"} {
				st, err := os.Stat(filepath.Join(dst, f))
				if err != nil || st.Mode().Perm() != 0o600 {
					t.Errorf("%s: %v %v", f, st, err)
				}
			}
			if err := run(ctx, []string{"audit", "verify", "--data-dir", dst, "--secret", e2eSecret, "--log-level", "error"}, env, io.Discard, io.Discard); err != nil {
				t.Errorf("audit verify of the restored directory: %v", err)
			}
		})
	}
}
