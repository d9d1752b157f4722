package sqlite

import (
	"context"
	"path/filepath"
	"testing"
)

// TestWriterPragmas reads the pragmas back from the writer's connection
// (they are per connection, so only the store's own connection can show
// them): synchronous FULL by default and when asked (an acknowledged
// append survives power loss), NORMAL only when asked; secure_delete on
// (erased personal data is overwritten, not left in free pages); WAL;
// temp_store MEMORY (the savepoint journal never goes to a file).
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
			var sync, secure, temp int
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
			if sync != c.want || secure != 1 || journal != "wal" || temp != 2 {
				t.Errorf("synchronous %d, secure_delete %d, journal_mode %q, temp_store %d; want %d, 1, wal, 2",
					sync, secure, journal, temp, c.want)
			}
		})
	}
}
