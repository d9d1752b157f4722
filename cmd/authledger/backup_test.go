package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBackupUnderLoad: "authledger backup" runs while a client keeps
// signing people up through the running server; every sign-up
// acknowledged before the backup began is in the restored deployment, the
// archive is not readable by others, restore refuses a non-empty
// directory, the restored chain verifies over every restored record, and
// the restored projections (after the server caught them up) equal a
// rebuild of the restored log.
func TestBackupUnderLoad(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, dir, crashHashArgs...)
	load := startSignUpLoad(s.URL)
	before := load.waitAcked(t, 5)
	archive := filepath.Join(t.TempDir(), "authledger.backup")
	if out := runAuthledger(t, "backup", "--out", archive, "--data-dir", dir, "--secret", e2eSecret); !strings.Contains(out, "backed up") {
		t.Fatalf("backup: %s", out)
	}
	load.waitAcked(t, len(before)+3) // the server went on meanwhile
	load.stop()
	s.Stop()
	if st, err := os.Stat(archive); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("backup file mode: %v %v", st.Mode(), err)
	}
	if out, err := runAuthledgerErr(t, "backup", "--out", archive, "--data-dir", dir, "--secret", e2eSecret); err == nil {
		t.Errorf("backup over an existing file was accepted: %s", out)
	}
	if out, err := runAuthledgerErr(t, "restore", "--from", archive, "--data-dir", dir, "--secret", e2eSecret); err == nil ||
		!strings.Contains(out, "not empty") {
		t.Errorf("restore into the live data directory: err %v\n%s", err, out)
	}

	restored := filepath.Join(t.TempDir(), "restored")
	runAuthledger(t, "restore", "--from", archive, "--data-dir", restored, "--secret", e2eSecret)
	records := countRows(t, filepath.Join(restored, "events.db"), "events")
	if records < uint64(3*len(before)) {
		t.Fatalf("restored log has %d records, fewer than the %d acknowledged sign-ups need", records, len(before))
	}
	r := startServer(t, restored, crashHashArgs...)
	var rep struct {
		OK      bool   `json:"ok"`
		Records uint64 `json:"records"`
	}
	for deadline := time.Now().Add(30 * time.Second); rep.Records < records && time.Now().Before(deadline); {
		r.adminGet(t, "/v1/audit/verify", &rep) // the restarted chainer links what the backup had not
		time.Sleep(20 * time.Millisecond)
	}
	r.Stop()
	records = countRows(t, filepath.Join(restored, "events.db"), "events") // the restarted server may append
	out := runAuthledger(t, "audit", "verify", "--json", "--data-dir", restored, "--secret", e2eSecret)
	var cli struct {
		OK      bool   `json:"ok"`
		Records uint64 `json:"records"`
	}
	if err := json.Unmarshal([]byte(out[:strings.LastIndex(out, "}")+1]), &cli); err != nil || !cli.OK || cli.Records != records {
		t.Fatalf("audit verify of the restored log: %+v (want %d records), %v\n%s", cli, records, err, out)
	}
	read := openReadOnly(t, filepath.Join(restored, "ontology.db"))
	for email, id := range before {
		var n int
		if err := read.QueryRow("SELECT count(*) FROM people WHERE id = ?", id).Scan(&n); err != nil || n != 1 {
			t.Errorf("acknowledged sign-up %s (%s) missing after restore: %d %v", email, id, n, err)
		}
	}
	rebuilt := filepath.Join(t.TempDir(), "rebuilt")
	runAuthledger(t, "replay", "--until", "2999-01-01T00:00:00Z", "--into", rebuilt, "--data-dir", restored, "--secret", e2eSecret)
	compareReadStores(t, filepath.Join(restored, "ontology.db"), filepath.Join(rebuilt, "ontology.db"))
}

// signUpLoad signs people up, one after the other, until stopped.
type signUpLoad struct {
	mu    sync.Mutex
	acked map[string]string // email → user id of every 200
	done  chan struct{}
	wg    sync.WaitGroup
}

// startSignUpLoad starts a client signing people up at baseURL.
func startSignUpLoad(baseURL string) *signUpLoad {
	l := &signUpLoad{acked: map[string]string{}, done: make(chan struct{})}
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		client := &http.Client{Timeout: 30 * time.Second}
		for i := 0; ; i++ {
			select {
			case <-l.done:
				return
			default:
			}
			o := signUpOnce(context.Background(), client, baseURL, fmt.Sprintf("backup-load-%d@example.org", i))
			if o.status == http.StatusOK && o.userID != "" {
				l.mu.Lock()
				l.acked[o.email] = o.userID
				l.mu.Unlock()
			}
		}
	}()
	return l
}

// waitAcked waits until n sign-ups were acknowledged and returns them.
func (l *signUpLoad) waitAcked(t *testing.T, n int) map[string]string {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		l.mu.Lock()
		if len(l.acked) >= n {
			cp := make(map[string]string, len(l.acked))
			for k, v := range l.acked {
				cp[k] = v
			}
			l.mu.Unlock()
			return cp
		}
		l.mu.Unlock()
	}
	t.Fatalf("fewer than %d sign-ups acknowledged in time", n)
	return nil
}

// stop ends the load and waits for its last request.
func (l *signUpLoad) stop() {
	close(l.done)
	l.wg.Wait()
}

// countRows counts a table's rows in a stopped server's SQLite file.
func countRows(t *testing.T, path, table string) uint64 {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n uint64
	if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
