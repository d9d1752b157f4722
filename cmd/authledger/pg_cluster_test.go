package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/tooltest"
	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
)

// PostgreSQL end-to-end helpers. The tests run only when
// AUTHLEDGER_TEST_POSTGRES names a server (for example
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable); each test
// gets a fresh database on it, dropped when the test ends. The restart test
// runs a private cluster instead, because the shared server must never be
// restarted.

// pgServerURL returns the test server's URL, or ends the test through
// tooltest.PostgresURL (a skip, a failure under CI=true).
func pgServerURL(t testing.TB) string {
	t.Helper()
	u := tooltest.PostgresURL(t)
	authledgerBinary(t) // build (or skip in -short mode) before touching the server
	return u
}

// withDatabase returns serverURL pointing at database name instead.
func withDatabase(t testing.TB, serverURL, name string) string {
	t.Helper()
	u, err := url.Parse(serverURL)
	if err != nil {
		t.Fatalf("AUTHLEDGER_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// pgConnect opens one connection, closed when the test ends.
func pgConnect(t testing.TB, dbURL string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatalf("connect to %s: %v", redactURL(dbURL), err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// newPGDatabase creates authledger_e2e_<random> on the server and returns
// its URL; the database is dropped (WITH (FORCE)) when the test ends, after
// the servers the test started afterwards have stopped.
func newPGDatabase(t testing.TB, serverURL string) string {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	name := "authledger_e2e_" + hex.EncodeToString(b[:])
	admin := pgConnect(t, serverURL)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, serverURL) // the first connection may be gone (cluster restarts)
		if err != nil {
			t.Errorf("drop database %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	return withDatabase(t, serverURL, name)
}

// migratePG runs "authledger migrate" on a database URL.
func migratePG(t testing.TB, dbURL string) {
	t.Helper()
	runAuthledger(t, "migrate", "--database", dbURL, "--log-level", "warn")
}

// pgCluster is a private PostgreSQL cluster in a temporary directory,
// owned by the postgres user, listening on loopback only.
type pgCluster struct {
	t    testing.TB
	bin  string // the PostgreSQL bin directory
	dir  string
	port int
}

// startPGCluster runs initdb and starts a private cluster; it is stopped
// (immediate mode) and removed when the test ends. It needs root, runuser
// and PostgreSQL installed under /usr/lib/postgresql (see tooltest).
func startPGCluster(t testing.TB) *pgCluster {
	t.Helper()
	if os.Geteuid() != 0 {
		tooltest.Missing(t, "root", "the private PostgreSQL cluster runs initdb as the postgres user through runuser; .ci/run runs as root")
	}
	tooltest.LookPath(t, "runuser", "apt-get install util-linux; it runs initdb and pg_ctl as the postgres user")
	bin := pgBinDir(t)
	dir, err := os.MkdirTemp("", "authledger-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	c := &pgCluster{t: t, bin: bin, dir: dir, port: freePort(t)}
	if out, err := exec.Command("chown", "postgres:postgres", dir).CombinedOutput(); err != nil {
		t.Fatalf("chown %s: %v\n%s", dir, err, out)
	}
	c.pgUser("initdb", "-D", c.data(), "-A", "trust", "-U", "postgres", "--no-sync")
	t.Cleanup(func() {
		if _, err := os.Stat(filepath.Join(c.data(), "postmaster.pid")); err == nil {
			if err := c.pgRun("pg_ctl", "-D", c.data(), "stop", "-m", "immediate", "-w"); err != nil {
				t.Errorf("stopping the private cluster: %v", err)
			}
		}
	})
	c.pgCtl("start", "-o", c.serverOptions(), "-l", filepath.Join(dir, "log"), "-w")
	return c
}

// pgBinDir finds the newest /usr/lib/postgresql/<version>/bin with initdb.
func pgBinDir(t testing.TB) string {
	t.Helper()
	entries, err := os.ReadDir("/usr/lib/postgresql")
	if err != nil {
		tooltest.Missing(t, "initdb", "apt-get install postgresql, which .ci/run installs: "+err.Error())
	}
	var versions []int
	for _, e := range entries {
		if v, err := strconv.Atoi(e.Name()); err == nil {
			versions = append(versions, v)
		}
	}
	slices.Sort(versions)
	for _, v := range slices.Backward(versions) {
		bin := filepath.Join("/usr/lib/postgresql", strconv.Itoa(v), "bin")
		if _, err := os.Stat(filepath.Join(bin, "initdb")); err == nil {
			return bin
		}
	}
	tooltest.Missing(t, "initdb", "no /usr/lib/postgresql/<version>/bin/initdb: apt-get install postgresql, which .ci/run installs")
	return ""
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func (c *pgCluster) data() string { return filepath.Join(c.dir, "data") }

func (c *pgCluster) serverOptions() string {
	return fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", c.port, c.dir)
}

// URL is the cluster's postgres database as the postgres superuser.
func (c *pgCluster) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
}

// Restart restarts the cluster in fast mode (connections are terminated)
// and returns how long pg_ctl took.
func (c *pgCluster) Restart() time.Duration {
	c.t.Helper()
	start := time.Now()
	c.pgCtl("restart", "-m", "fast", "-o", c.serverOptions(), "-l", filepath.Join(c.dir, "log"), "-w")
	return time.Since(start)
}

// pgCtl runs pg_ctl on the cluster as the postgres user.
func (c *pgCluster) pgCtl(args ...string) {
	c.t.Helper()
	c.pgUser("pg_ctl", append([]string{"-D", c.data()}, args...)...)
}

// pgUser runs a PostgreSQL program as the postgres user, failing the test
// (with the server log) on a non-zero exit.
func (c *pgCluster) pgUser(prog string, args ...string) {
	c.t.Helper()
	if err := c.pgRun(prog, args...); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
		c.t.Fatalf("%v\nserver log:\n%s", err, lastLines(string(log), 30))
	}
}

// pgRun runs a PostgreSQL program as the postgres user. Its output goes to
// a file, not a pipe: a server it starts keeps inherited descriptors open,
// and waiting for a pipe's end would wait for that server.
func (c *pgCluster) pgRun(prog string, args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := os.CreateTemp(c.dir, "pg-out-")
	if err != nil {
		return err
	}
	defer os.Remove(out.Name())
	defer out.Close()
	cmd := exec.CommandContext(ctx, "runuser", append([]string{"-u", "postgres", "--", filepath.Join(c.bin, prog)}, args...)...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = c.dir, out, out
	if err := cmd.Run(); err != nil {
		text, _ := os.ReadFile(out.Name())
		return fmt.Errorf("%s %s: %w\n%s", prog, strings.Join(args, " "), err, text)
	}
	return nil
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// rebuildInto runs "authledger projections rebuild" reading the log of
// eventsDB and writing fresh projections into the ontology of ontologyDB.
func rebuildInto(t testing.TB, eventsDB, ontologyDB string) {
	t.Helper()
	out := runAuthledger(t, "projections", "rebuild", "--eventstore", eventsDB, "--ontology", ontologyDB,
		"--secret", e2eSecret, "--data-dir", filepath.Join(t.TempDir(), "unused"), "--log-level", "warn")
	t.Logf("projections rebuild into a fresh database: %s", lastLine(out))
}

// ontologySkip are the columns left out of the comparison, by table.
// checkpoints.updated_at is the wall-clock time of the read-store
// transaction that last moved a checkpoint: the live runner and the rebuild
// commit at different moments by nature, and no event determines it.
// schema_migrations.applied_at is when each database was migrated (its
// version and name are compared). Every other column is a function of the
// log and must match.
var ontologySkip = map[string][]string{
	"checkpoints":       {"updated_at"},
	"schema_migrations": {"applied_at"},
}

// compareOntologies diffs every table of the ontology schema of two
// databases, row by row (as JSON, sorted), minus ontologySkip.
func compareOntologies(t testing.TB, live, rebuilt string) {
	t.Helper()
	got, want := dumpOntology(t, live), dumpOntology(t, rebuilt)
	if len(got) == 0 {
		t.Fatal("the live database has no tables in the ontology schema")
	}
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if _, ok := got[name]; !ok {
			t.Errorf("table ontology.%s exists only in the rebuild", name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		rows, ok := want[name]
		if !ok {
			t.Errorf("table ontology.%s exists only in the live database", name)
			continue
		}
		if diff := cmp.Diff(got[name], rows); diff != "" {
			if len(diff) > 4000 {
				diff = diff[:4000] + "\n…(cut)"
			}
			t.Errorf("table ontology.%s: live differs from a fresh rebuild (-live +rebuilt):\n%s", name, diff)
			continue
		}
		t.Logf("table ontology.%s: %d rows identical", name, len(rows))
	}
}

// dumpOntology returns every base table of the ontology schema as sorted
// JSON rows without the skipped columns.
func dumpOntology(t testing.TB, dbURL string) map[string][]string {
	t.Helper()
	conn := pgConnect(t, dbURL)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rows, err := conn.Query(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'ontology' AND table_type = 'BASE TABLE'`)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, name := range names {
		q := "SELECT to_jsonb(t)::text FROM ontology." + pgx.Identifier{name}.Sanitize() + " t"
		rows, err := conn.Query(ctx, q)
		if err != nil {
			t.Fatalf("dump ontology.%s: %v", name, err)
		}
		texts, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatalf("dump ontology.%s: %v", name, err)
		}
		dump := make([]string, 0, len(texts))
		for _, text := range texts {
			dump = append(dump, withoutColumns(t, text, ontologySkip[name]))
		}
		slices.Sort(dump)
		out[name] = dump
	}
	return out
}

// withoutColumns re-encodes a JSON row without the named columns.
func withoutColumns(t testing.TB, row string, skip []string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(row), &m); err != nil {
		t.Fatalf("row %s: %v", row, err)
	}
	for _, c := range skip {
		delete(m, c)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// advisoryHolders returns the backend pids holding a granted advisory lock
// in the database conn is connected to.
func advisoryHolders(t testing.TB, conn *pgx.Conn) []int32 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// only the projections election (the audit chain has an election of its own)
	h := fnv.New64a()
	h.Write([]byte("authledger/ontology/projections"))
	rows, err := conn.Query(ctx, `SELECT DISTINCT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
		WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database() AND l.objsubid = 1
		  AND ((l.classid::bigint << 32) | l.objid::bigint) = $1 ORDER BY 1`, int64(h.Sum64()))
	if err != nil {
		t.Fatal(err)
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		t.Fatal(err)
	}
	return pids
}
