package sqlite

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

// TestWriterPragmas reads the pragmas back from the writer's connection
// (they are per connection, so only the store's own connection can show
// them): synchronous FULL by default and when asked (an acknowledged
// append survives power loss), NORMAL only when asked; secure_delete on
// (erased personal data is overwritten, not left in free pages); WAL;
// temp_store MEMORY (the savepoint journal never goes to a file);
// wal_autocheckpoint 8192 pages.
func TestWriterPragmas(t *testing.T) {
	for _, c := range []struct {
		name, sync string
		want       int // PRAGMA synchronous: 1 NORMAL, 2 FULL, 3 EXTRA
	}{{"default", "", 2}, {"full", "full", 2}, {"normal", "NORMAL", 1}, {"extra", "EXTRA", 3}} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			s, err := Open(ctx, filepath.Join(t.TempDir(), "events.db"), Options{Synchronous: c.sync})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var sync, secure, temp, autockpt int
			var journal string
			conn := s.w.conn
			if err := conn.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
				t.Fatal(err)
			}
			if err := conn.QueryRowContext(ctx, "PRAGMA secure_delete").Scan(&secure); err != nil {
				t.Fatal(err)
			}
			if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&journal); err != nil {
				t.Fatal(err)
			}
			if err := conn.QueryRowContext(ctx, "PRAGMA temp_store").Scan(&temp); err != nil {
				t.Fatal(err)
			}
			if err := conn.QueryRowContext(ctx, "PRAGMA wal_autocheckpoint").Scan(&autockpt); err != nil {
				t.Fatal(err)
			}
			if sync != c.want || secure != 1 || journal != "wal" || temp != 2 || autockpt != 8192 {
				t.Errorf("synchronous %d, secure_delete %d, journal_mode %q, temp_store %d, wal_autocheckpoint %d; want %d, 1, wal, 2, 8192",
					sync, secure, journal, temp, autockpt, c.want)
			}
		})
	}
}

// TestDestroyedKeyLeavesNoTrace: once DestroyKey returns, the wrapped key's
// bytes are in neither the database file nor its WAL, while the store stays
// open (secure_delete alone leaves the old page image in the WAL); the same
// for keys replaced by a rewrap.
func TestDestroyedKeyLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "events.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	gone := []byte("wrapped-key-of-person-x-0123456789abcdef")
	old := []byte("wrapped-under-the-old-kek-0123456789abcd")
	if _, err := s.Keys().PutKey(ctx, "person-x", gone); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Keys().PutKey(ctx, "person-y", old); err != nil {
		t.Fatal(err)
	}
	if !inFiles(t, path, gone) {
		t.Fatal("the stored key is in neither file: the check below would prove nothing")
	}
	if err := s.Keys().DestroyKey(ctx, "person-x"); err != nil {
		t.Fatal(err)
	}
	if inFiles(t, path, gone) {
		t.Error("the destroyed key is still in the database file or its WAL")
	}
	n, err := s.Keys().(eventstore.KeyRewrapper).RewrapKeys(ctx, func(string, []byte) ([]byte, error) {
		return []byte("wrapped-under-the-new-kek-0123456789abcd"), nil
	})
	if err != nil || n != 1 {
		t.Fatalf("RewrapKeys = %d, %v", n, err)
	}
	if inFiles(t, path, old) {
		t.Error("the key wrapped under the old KEK is still in the database file or its WAL")
	}
}

// inFiles reports whether b is in the database file or its WAL.
func inFiles(t *testing.T, path string, b []byte) bool {
	t.Helper()
	for _, f := range []string{path, path + "-wal"} {
		data, err := os.ReadFile(f)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		if bytes.Contains(data, b) {
			return true
		}
	}
	return false
}
