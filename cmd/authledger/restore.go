package main

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// restoreCmd handles "authledger restore --from FILE": it unpacks a
// backup into the data directory, which must be empty or missing (or
// --force: the files the backup holds are replaced). The server started
// on it afterwards catches its projections up from the restored log.
func restoreCmd(ctx context.Context, in *invocation) error {
	s, err := in.store()
	if err != nil {
		return err
	}
	mine, stdout := in.own, in.stdout
	if len(in.operands) > 0 || mine["from"] == "" {
		return fmt.Errorf("%w: authledger restore --from FILE [--data-dir DIR] [--force]", errUsage)
	}
	if s.EventsURL != "" {
		return fmt.Errorf("%w: the event store is in PostgreSQL: restore it with pg_restore (see README, Backups)", errUsage)
	}
	if err := checkRestoreDir(s.DataDir, mine["force"] == "true"); err != nil {
		return err
	}
	names, err := unpackBackup(mine["from"], s.DataDir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored %v into %s; start authledger serve on it\n", names, s.DataDir)
	return ctx.Err()
}

// checkRestoreDir refuses a data directory that holds anything unless
// force, and creates it (0700) when missing.
func checkRestoreDir(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(dir, 0o700)
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 && !force {
		return fmt.Errorf("%w: %s is not empty; restore into an empty directory (or --force, after stopping the server)", errUsage, dir)
	}
	return nil
}

// unpackBackup writes the backup's files into dir (mode 0600): all are
// first unpacked into a staging directory inside dir and checked, then
// renamed into place; a file a backup may hold but this one does not is
// removed (a --force restore must not keep, say, a later kek-secret), as
// are the SQLite -wal and -shm files of the databases replaced. Only the
// names a backup holds are accepted.
func unpackBackup(from, dir string) ([]string, error) {
	f, err := os.Open(from)
	if err != nil {
		return nil, fmt.Errorf("%w: --from: %v", errUsage, err)
	}
	defer f.Close()
	stage, err := os.MkdirTemp(dir, ".restore-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(stage)
	tr, names := tar.NewReader(f), []string{}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s is not an authledger backup: %w", from, err)
		}
		if hdr.Typeflag != tar.TypeReg || slices.Contains(names, hdr.Name) ||
			!slices.ContainsFunc(backupFiles, func(b backupFile) bool { return b.name == hdr.Name }) {
			return nil, fmt.Errorf("%s is not an authledger backup: unexpected entry %q", from, hdr.Name)
		}
		if err := writeStaged(tr, filepath.Join(stage, hdr.Name)); err != nil {
			return nil, err
		}
		names = append(names, hdr.Name)
	}
	if !slices.Contains(names, "events.db") {
		return nil, fmt.Errorf("%s is not an authledger backup: no events.db", from)
	}
	for _, bf := range backupFiles {
		path := filepath.Join(dir, bf.name)
		for _, stale := range []string{path + "-wal", path + "-shm"} {
			if err := os.Remove(stale); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, err
			}
		}
		if !slices.Contains(names, bf.name) {
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, err
			}
			continue
		}
		if err := os.Rename(filepath.Join(stage, bf.name), path); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// writeStaged writes r to path (0600) and syncs it.
func writeStaged(r io.Reader, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("restore %s: %w", filepath.Base(path), err)
	}
	return nil
}
