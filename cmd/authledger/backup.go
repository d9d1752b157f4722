package main

import (
	"archive/tar"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// backupFiles are the data directory's files a backup holds, in the order
// they are taken: the read store before the log, so the restored
// projections' checkpoints are never ahead of the restored log. The
// SQLite files are consistent snapshots (VACUUM INTO); the others are
// copied as they are: the generated secret and the kek-secret a rotation
// left (they wrap every per-person key), the audit chain's signing key and
// its retired public keys.
var backupFiles = []backupFile{
	{"ontology.db", true},
	{"events.db", true},
	{secretFile, false},
	{chainKeyFile, false},
	{retiredKeysFile, false},
	{kekSecretFile, false},
}

// backupFile is one file of the data directory a backup holds; sqlite
// marks a database snapshotted with VACUUM INTO.
type backupFile struct {
	name   string
	sqlite bool
}

// backupCmd handles "authledger backup --out FILE": an online backup of
// the embedded stores while the server keeps writing. The archive (tar)
// may hold the generated secret and the audit signing key, so it is a
// secret itself: it is written with mode 0600 and never over an existing
// file. PostgreSQL deployments use pg_dump (see README).
func backupCmd(ctx context.Context, in *invocation) error {
	s, err := in.store()
	if err != nil {
		return err
	}
	mine, stdout := in.own, in.stdout
	if len(in.operands) > 0 || mine["out"] == "" {
		return fmt.Errorf("%w: authledger backup --out FILE [--data-dir DIR]", errUsage)
	}
	if s.EventsURL != "" {
		return fmt.Errorf("%w: the event store is in PostgreSQL: back it up with pg_dump (see README, Backups)", errUsage)
	}
	if err := s.requireExisting(); err != nil {
		return err
	}
	start := time.Now()
	n, err := writeBackup(ctx, s.DataDir, mine["out"], s.ReadURL == "")
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backed up %d files of %s to %s in %s (mode 0600: it may hold the secret)\n",
		n, s.DataDir, mine["out"], time.Since(start).Round(time.Millisecond))
	return nil
}

// writeBackup writes the archive to out through a temporary file in the
// same directory, linked into place only when complete; it returns the
// number of files archived.
func writeBackup(ctx context.Context, dataDir, out string, withRead bool) (int, error) {
	if _, err := os.Lstat(out); err == nil {
		return 0, fmt.Errorf("%w: %s exists; choose a new file", errUsage, out)
	}
	snap, err := os.MkdirTemp(filepath.Dir(out), ".authledger-backup-*")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(snap)
	tmp := filepath.Join(snap, "archive.tar")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	tw, n := tar.NewWriter(f), 0
	for _, bf := range backupFiles {
		if bf.name == "ontology.db" && !withRead {
			continue
		}
		src := filepath.Join(dataDir, bf.name)
		if bf.sqlite {
			dst := filepath.Join(snap, bf.name)
			if err := vacuumInto(ctx, src, dst); err != nil {
				if bf.name == "ontology.db" && errors.Is(err, fs.ErrNotExist) {
					continue // rebuilt from the log on start
				}
				return 0, fmt.Errorf("snapshot %s: %w", bf.name, err)
			}
			src = dst
		}
		ok, err := addFile(tw, src, bf.name)
		if err != nil {
			return 0, err
		}
		if ok {
			n++
		}
	}
	if err := tw.Close(); err != nil {
		return 0, err
	}
	if err := f.Sync(); err != nil {
		return 0, err
	}
	if err := os.Link(tmp, out); err != nil {
		return 0, fmt.Errorf("write %s: %w", out, err)
	}
	return n, nil
}

// vacuumInto writes a consistent snapshot of the SQLite database at src
// to dst: one read transaction, so writers (WAL) go on meanwhile.
func vacuumInto(ctx context.Context, src, dst string) error {
	if _, err := os.Stat(src); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+src+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "VACUUM INTO ?", dst)
	return err
}

// addFile archives the file at path as name (mode 0600); a missing file
// is skipped (ok false).
func addFile(tw *tar.Writer, path, name string) (ok bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return false, err
	}
	hdr := &tar.Header{Name: name, Mode: 0o600, Size: st.Size(), ModTime: st.ModTime(), Typeflag: tar.TypeReg}
	if err := tw.WriteHeader(hdr); err != nil {
		return false, err
	}
	if _, err := io.Copy(tw, f); err != nil {
		return false, fmt.Errorf("archive %s: %w", name, err)
	}
	return true, nil
}
