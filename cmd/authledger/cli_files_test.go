package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wantPrivate checks that dir is 0700 and every file in it (the SQLite
// databases and their -wal/-shm files, the secret) is 0600; it returns
// the names of the files it saw.
func wantPrivate(t *testing.T, what, dir string) []string {
	t.Helper()
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if st.Mode().Perm() != 0o700 {
		t.Errorf("%s: directory %s is %v, want 0700", what, dir, st.Mode().Perm())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		names = append(names, e.Name())
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %s is %v, want 0600", what, e.Name(), info.Mode().Perm())
		}
	}
	return names
}

// wantFileMode checks one file's permissions.
func wantFileMode(t *testing.T, what, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("%s: %s is %v, want 0600", what, path, st.Mode().Perm())
	}
}

// TestDataFilesArePrivate: a fresh serve, migrate and replay create
// their directory 0700 and every data file, key and SQLite -wal/-shm file
// 0600; audit export and checkpoints write their files 0600 (they may hold
// personal data), an existing file included.
func TestDataFilesArePrivate(t *testing.T) {
	root := t.TempDir()
	// migrate on a fresh directory, without a configured secret: the
	// generated secret file is created too.
	dir := filepath.Join(root, "data")
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "--data-dir", dir, "--log-level", "warn"}, env(nil), &out, &errOut); err != nil {
		t.Fatalf("migrate: %v %s", err, errOut.String())
	}
	names := wantPrivate(t, "migrate", dir)
	for _, want := range []string{"events.db", "ontology.db"} {
		if !strings.Contains(strings.Join(names, " "), want) {
			t.Errorf("migrate made %v, want %s among them", names, want)
		}
	}

	// serve on a fresh directory without a configured secret (so it
	// generates the secret file), with a sign-up so the logs have been
	// written (the -wal and -shm files exist while it runs).
	served := filepath.Join(root, "served")
	ctx, cancel := context.WithCancel(context.Background())
	listen := &listenWatcher{found: make(chan string, 1)}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", served, "--rate-limit", "off",
			"--trusted-origins", e2eTrustedOrigin, "--log-level", "warn"}, env(nil), &lockedBuffer{}, listen)
	}()
	var base string
	select {
	case base = <-listen.found:
	case err := <-done:
		cancel()
		t.Fatalf("serve stopped: %v", err)
	}
	if r := authPost(ctx, http.DefaultClient, base, "sign-up/email",
		map[string]string{"email": "files@example.com", "password": "correct horse battery staple", "name": "Files"}); r.Status != 200 {
		t.Fatalf("sign-up: %d %s %v", r.Status, r.Body, r.Err)
	}
	names = wantPrivate(t, "serve", served)
	for _, want := range []string{"events.db-wal", "events.db-shm", "ontology.db-wal", secretFile} {
		if !strings.Contains(strings.Join(names, " "), want) {
			t.Errorf("serve made %v, want %s among them", names, want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}

	// audit export and checkpoints, to a new and to an existing 0644 file.
	for _, args := range [][]string{{"audit", "export", "--out"}, {"audit", "checkpoints", "--out"}} {
		for _, existing := range []bool{false, true} {
			path := filepath.Join(root, strings.Join(args[:2], "-")+map[bool]string{false: ".new", true: ".old"}[existing])
			if existing {
				if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			a := append(append([]string{}, args...), path, "--data-dir", served)
			if err := run(context.Background(), a, env(nil), &out, &errOut); err != nil {
				t.Fatalf("%v: %v %s", a, err, errOut.String())
			}
			wantFileMode(t, strings.Join(args, " "), path)
		}
	}

	// replay into a new directory.
	past := filepath.Join(root, "past")
	a := []string{"replay", "--until", "2100-01-01T00:00:00Z", "--into", past, "--data-dir", served}
	if err := run(context.Background(), a, env(nil), &out, &errOut); err != nil {
		t.Fatalf("replay: %v %s", err, errOut.String())
	}
	wantPrivate(t, "replay", past)
}

// TestReadOnlyCommandsOnMistypedDataDir: every command that works on an
// existing deployment, pointed at a data directory that does not exist
// (a typo), fails with a non-zero exit status and creates nothing.
func TestReadOnlyCommandsOnMistypedDataDir(t *testing.T) {
	for _, args := range [][]string{
		{"audit", "verify"}, {"audit", "checkpoints"}, {"audit", "export"}, {"projections", "status"},
		{"projections", "rebuild"}, {"keys", "list"}, {"keys", "create", "--name", "n", "--scope", "metrics:read"},
		{"keys", "revoke", "K0000000000000000000000000000001"}, {"people", "set-role", "a@example.com", "admin"},
		{"forget", "P0000000000000000000000000000001"}, {"forget", "--email", "ivy@example.com"},
		{"audit", "access-review", "--as-of", "2026-12-01T00:00:00Z"}, {"audit", "anchor", "--audit-tsa-url", "http://127.0.0.1:1/tsr"},
		{"replay", "--until", "2026-12-01T00:00:00Z", "--into", filepath.Join(t.TempDir(), "past")},
	} {
		dir := filepath.Join(t.TempDir(), "dtaa")
		var out, errOut bytes.Buffer
		a := append(append([]string{}, args...), "--data-dir", dir)
		err := run(context.Background(), a, env(nil), &out, &errOut)
		if err == nil || exitCode(err) == 0 {
			t.Errorf("%v: err = %v, want a failure", args, err)
		}
		if _, statErr := os.Stat(dir); !errors.Is(statErr, fs.ErrNotExist) {
			t.Errorf("%v: the mistyped data directory was created (%v)", args, statErr)
		}
		if args[0] == "replay" {
			if _, statErr := os.Stat(args[len(args)-1]); !errors.Is(statErr, fs.ErrNotExist) {
				t.Errorf("replay: the target directory was created (%v)", statErr)
			}
		}
	}
}

// TestInvalidSettingsCreateNothing: an invalid hosted-page or other
// setting refuses serve before the data directory exists.
func TestInvalidSettingsCreateNothing(t *testing.T) {
	for _, bad := range [][]string{{"--brand-color", "red"}, {"--brand-background", "#12"}, {"--brand-name", strings.Repeat("n", 65)},
		{"--brand-color", "#fff;}body{x:y"}} {
		dir := filepath.Join(t.TempDir(), "data")
		var out, errOut bytes.Buffer
		args := append([]string{"serve", "--addr", "127.0.0.1:0", "--data-dir", dir, "--secret", e2eSecret}, bad...)
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // were it to start, it stops at once
		err := run(ctx, args, env(nil), &out, &errOut)
		if err == nil || exitCode(err) == 0 {
			t.Errorf("%v: err = %v, want a refusal", bad, err)
		}
		if _, statErr := os.Stat(dir); !errors.Is(statErr, fs.ErrNotExist) {
			t.Errorf("%v: the data directory was created (%v)", bad, statErr)
		}
		if strings.Contains(out.String()+errOut.String(), "listening") {
			t.Errorf("%v: serve listened", bad)
		}
	}
}
