package main

import (
	"errors"
	"io/fs"
	"os"
)

// Data files (the SQLite logs and read stores with their -wal and -shm
// files, the generated secret, audit exports) are readable by their owner
// only, in a data directory only the owner can enter.
const (
	privateFileMode = 0o600
	privateDirMode  = 0o700
)

// privateDB prepares the SQLite database at path before it is opened:
// it is created empty with mode 0600 when missing (an empty file is an
// empty SQLite database; SQLite gives the -wal, -shm and journal files it
// creates later the database file's mode), and an existing database and
// its -wal and -shm files are narrowed to 0600.
func privateDB(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, privateFileMode)
	if err == nil {
		return f.Close()
	}
	if !errors.Is(err, fs.ErrExist) {
		return err
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if err := os.Chmod(p, privateFileMode); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// privateOut opens path for writing as a private file: created 0600, or
// truncated and narrowed to 0600 when it exists.
func privateOut(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, privateFileMode)
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(privateFileMode); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
