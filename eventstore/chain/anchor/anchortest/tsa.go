// Package anchortest runs a real RFC 3161 Time-Stamping Authority for
// tests: Debian's "openssl ts -reply" behind an httptest server, with a CA
// and a TSA certificate (extended key usage timeStamping, critical) made
// by openssl in the test's temporary directory.
package anchortest

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/authledger/authledger/domain/tooltest"
)

// TSA is a running test Time-Stamping Authority.
type TSA struct {
	URL      string         // POST application/timestamp-query here
	Roots    *x509.CertPool // the test CA
	RootsPEM string         // the test CA's certificate file (PEM)
	mu       sync.Mutex
	down     bool // answer 503 instead of stamping
}

// SetDown makes the TSA refuse (true) or answer (false).
func (s *TSA) SetDown(v bool) {
	s.mu.Lock()
	s.down = v
	s.mu.Unlock()
}

// openssl runs openssl in dir and fails the test with its output.
func openssl(t testing.TB, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("openssl", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("openssl %v: %v\n%s", args, err, out)
	}
}

// NewCA makes a self-signed CA in dir (ca.key, ca.crt) and returns its
// pool.
func NewCA(t testing.TB, dir, name string) *x509.CertPool {
	t.Helper()
	openssl(t, dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
		"-days", "30", "-subj", "/CN="+name, "-addext", "basicConstraints=critical,CA:true",
		"-addext", "keyUsage=critical,keyCertSign,cRLSign")
	return poolOf(t, filepath.Join(dir, "ca.crt"))
}

func poolOf(t testing.TB, file string) *x509.CertPool {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(b)
	c, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	p := x509.NewCertPool()
	p.AddCert(c)
	return p
}

// Start sets up the CA, the TSA certificate and the openssl TSA
// configuration, and serves RFC 3161 over HTTP until the test ends. Without
// openssl it skips the test, or fails it under CI=true (where .ci/run
// installs openssl, so a suite that did not run cannot look like a pass).
func Start(t testing.TB) *TSA {
	t.Helper()
	if _, err := exec.LookPath("openssl"); err != nil {
		tooltest.Missing(t, "openssl", "apt-get install openssl; .ci/run installs it")
	}
	dir := t.TempDir()
	roots := NewCA(t, dir, "authledger test TSA root")
	openssl(t, dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr", "-subj", "/CN=authledger test TSA")
	ext := "basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n"
	if err := os.WriteFile(filepath.Join(dir, "tsa.ext"), []byte(ext), 0o600); err != nil {
		t.Fatal(err)
	}
	openssl(t, dir, "x509", "-req", "-in", "tsa.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
		"-out", "tsa.crt", "-days", "30", "-extfile", "tsa.ext")
	cnf := fmt.Sprintf(`[ tsa ]
default_tsa = tsa_config1
[ tsa_config1 ]
dir = %s
serial = $dir/tsaserial
crypto_device = builtin
signer_cert = $dir/tsa.crt
certs = $dir/ca.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.4146.2.3
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`, dir)
	if err := os.WriteFile(filepath.Join(dir, "ts.cnf"), []byte(cnf), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tsaserial"), []byte("01\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tsa := &TSA{Roots: roots, RootsPEM: filepath.Join(dir, "ca.crt")}
	var serial sync.Mutex // openssl keeps its serial in a file
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tsa.mu.Lock()
		down := tsa.down
		tsa.mu.Unlock()
		if down || r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/timestamp-query" {
			http.Error(w, "no", http.StatusServiceUnavailable)
			return
		}
		serial.Lock()
		defer serial.Unlock()
		q, _ := io.ReadAll(r.Body)
		qf, rf := filepath.Join(dir, "q.tsq"), filepath.Join(dir, "r.tsr")
		if err := os.WriteFile(qf, q, 0o600); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		cmd := exec.Command("openssl", "ts", "-reply", "-config", filepath.Join(dir, "ts.cnf"), "-queryfile", qf, "-out", rf)
		if out, err := cmd.CombinedOutput(); err != nil {
			http.Error(w, string(out), 500)
			return
		}
		b, _ := os.ReadFile(rf)
		w.Header().Set("Content-Type", "application/timestamp-reply")
		_, _ = w.Write(b)
	}))
	t.Cleanup(srv.Close)
	tsa.URL = srv.URL
	return tsa
}
