package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadSettingsOpenNothing: a command with bad settings fails with a
// usage error naming each of them before it listens, creates the data
// directory or opens a store.
func TestBadSettingsOpenNothing(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	bad := []string{"--sync", "sometimes", "--log-level", "loud", "--secret", "too-short-secret"}
	tests := []struct {
		name     string
		args     []string
		operands []string // after the flags
		flags    []string
	}{
		// The address is taken: listening first would fail differently.
		{"serve", []string{"serve", "--addr", busy.Addr().String(), "--rate-limit", "maybe"}, nil, []string{"sync", "secret", "log-level", "rate-limit"}},
		{"migrate", []string{"migrate"}, nil, []string{"sync", "secret", "log-level"}},
		{"projections status", []string{"projections", "status"}, nil, []string{"sync", "secret", "log-level"}},
		{"audit verify", []string{"audit", "verify"}, nil, []string{"sync", "secret", "log-level"}},
		{"replay", []string{"replay", "--until", "1", "--into", filepath.Join(t.TempDir(), "past")}, nil, []string{"sync", "secret", "log-level"}},
		{"forget", []string{"forget"}, []string{"P0000000000000000000000000000001"}, []string{"sync", "secret", "log-level"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			args := append(append(append(tt.args, "--data-dir", dir), bad...), tt.operands...)
			var out, errOut bytes.Buffer
			err := run(context.Background(), args, env(nil), &out, &errOut)
			checkSettingsError(t, err, tt.flags)
			if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the data directory was created (%v)", err)
			}
			if strings.Contains(out.String()+errOut.String(), "listening") {
				t.Errorf("serve listened: %q", out.String())
			}
		})
	}
}

// TestCommandsOnNoDeploymentCreateNothing: the commands that work on an
// existing deployment, pointed at a data directory that holds none, say so
// and leave the directory as it was (read-only commands never create
// state; the others have nothing to act on).
func TestCommandsOnNoDeploymentCreateNothing(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"audit verify", []string{"audit", "verify"}},
		{"audit checkpoints", []string{"audit", "checkpoints"}},
		{"audit export", []string{"audit", "export"}},
		{"projections status", []string{"projections", "status"}},
		{"replay", []string{"replay", "--until", "2026-12-01T00:00:00Z", "--into", filepath.Join(t.TempDir(), "past")}},
		{"forget", []string{"forget"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, existing := range []bool{false, true} {
				dir := filepath.Join(t.TempDir(), "data")
				if existing {
					if err := os.Mkdir(dir, 0o700); err != nil {
						t.Fatal(err)
					}
				}
				args := append(append(tt.args, "--data-dir", dir), "P0000000000000000000000000000001")
				if tt.name != "forget" {
					args = args[:len(args)-1]
				}
				var out, errOut bytes.Buffer
				err := run(context.Background(), args, env(nil), &out, &errOut)
				if !errors.Is(err, errNoData) {
					t.Fatalf("dir exists=%v: err = %v, want %v (stderr %q)", existing, err, errNoData, errOut.String())
				}
				entries, statErr := os.ReadDir(dir)
				if existing && (statErr != nil || len(entries) != 0) {
					t.Errorf("the empty data directory now holds %v (%v)", entries, statErr)
				}
				if !existing && !errors.Is(statErr, fs.ErrNotExist) {
					t.Errorf("the data directory was created (%v)", statErr)
				}
			}
		})
	}
}
