package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// testCA is a certificate authority made for one test.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pool *x509.CertPool
}

// newTestCA makes a self-signed CA valid for an hour.
func newTestCA(t *testing.T) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "authledger test CA"},
		NotBefore: time.Now().Add(-time.Minute), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &testCA{cert: cert, key: key, pool: pool}
}

// issue writes a leaf certificate for 127.0.0.1 with the given serial and
// its key into certFile and keyFile (the key mode 0600).
func (ca *testCA) issue(t *testing.T, serial int64, certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Minute), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	writeFile(t, keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600)
}

// writeFile replaces path's content by data (written beside it, then
// renamed, as a certificate manager would).
func writeFile(t *testing.T, path string, data []byte, mode os.FileMode) {
	t.Helper()
	tmp := path + ".new"
	if err := os.WriteFile(tmp, data, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// servedSerial fetches /healthz over HTTPS trusting only ca and returns
// the serial of the leaf certificate the server presented.
func servedSerial(t *testing.T, client *http.Client, base string) int64 {
	t.Helper()
	resp, err := client.Get(base + "/healthz")
	if err != nil {
		t.Fatalf("GET /healthz over TLS: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /healthz = %d", resp.StatusCode)
	}
	if resp.TLS == nil || len(resp.TLS.PeerCertificates) == 0 {
		t.Fatal("the answer did not come over TLS")
	}
	if v := resp.TLS.Version; v < tls.VersionTLS12 {
		t.Errorf("TLS version %x, want ≥ 1.2", v)
	}
	return resp.TLS.PeerCertificates[0].SerialNumber.Int64()
}

// TestServeTLS: with --tls-cert/--tls-key the binary serves HTTPS that a
// client trusting the CA accepts; SIGHUP after the files are replaced
// serves the new certificate; a broken replacement keeps the old one and
// logs an error; the cookies of an https base URL are Secure.
func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	ca := newTestCA(t)
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	ca.issue(t, 1001, certFile, keyFile)
	s := startServer(t, filepath.Join(dir, "data"), "--tls-cert", certFile, "--tls-key", keyFile, "--log-level", "info")
	if !strings.HasPrefix(s.URL, "https://") {
		t.Fatalf("listening on %q, want https://", s.URL)
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: ca.pool}, DisableKeepAlives: true}}
	if got := servedSerial(t, client, s.URL); got != 1001 {
		t.Fatalf("serial %d, want 1001", got)
	}
	// a client that does not trust the CA is refused
	if _, err := (&http.Client{Timeout: 10 * time.Second}).Get(s.URL + "/healthz"); err == nil {
		t.Error("a client without the test CA accepted the certificate")
	}
	// the image's probe trusts the node's CA with --ca, and only then
	caFile := filepath.Join(dir, "ca.pem")
	writeFile(t, caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.cert.Raw}), 0o600)
	if out, err := exec.Command(s.bin, "healthcheck", "--url", s.URL+"/readyz", "--ca", caFile).CombinedOutput(); err != nil {
		t.Errorf("healthcheck --ca over TLS: %v\n%s", err, out)
	}
	if err := exec.Command(s.bin, "healthcheck", "--url", s.URL+"/readyz").Run(); err == nil {
		t.Error("healthcheck without --ca accepted the test CA's certificate")
	}
	// plain HTTP on the TLS port gets no answer
	if resp, err := http.Get("http://" + strings.TrimPrefix(s.URL, "https://") + "/healthz"); err == nil && resp.StatusCode == http.StatusOK {
		t.Error("plain HTTP was served on the TLS port")
	}

	// the base URL defaults to https, so session cookies are Secure
	body := `{"email":"tls@example.com","password":"correct horse battery","name":"TLS"}`
	req, err := http.NewRequest(http.MethodPost, s.URL+"/api/auth/sign-up/email", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", s.URL)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || len(resp.Cookies()) == 0 {
		t.Fatalf("sign-up over TLS = %d with %d cookies", resp.StatusCode, len(resp.Cookies()))
	}
	for _, c := range resp.Cookies() {
		if !c.Secure || !strings.HasPrefix(c.Name, "__Secure-") {
			t.Errorf("cookie %s Secure=%v, want a Secure __Secure- cookie", c.Name, c.Secure)
		}
	}

	tests := []struct {
		name    string
		replace func()
		want    int64
		logged  string
	}{
		{"new pair", func() { ca.issue(t, 1002, certFile, keyFile) }, 1002, "TLS certificate reloaded"},
		{"broken cert", func() { writeFile(t, certFile, []byte("not a certificate"), 0o644) }, 1002, "TLS certificate reload failed"},
		{"mismatched key", func() {
			ca.issue(t, 1003, certFile, filepath.Join(dir, "other-key.pem"))
		}, 1002, "TLS certificate reload failed"},
		{"repaired", func() { ca.issue(t, 1004, certFile, keyFile) }, 1004, "TLS certificate reloaded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := strings.Count(s.Stderr(), tt.logged)
			tt.replace()
			if err := s.cmd.Process.Signal(syscall.SIGHUP); err != nil {
				t.Fatal(err)
			}
			waitUntil(t, func() bool { return strings.Count(s.Stderr(), tt.logged) > before })
			if got := servedSerial(t, client, s.URL); got != tt.want {
				t.Errorf("serial %d, want %d", got, tt.want)
			}
			s.Alive()
		})
	}
}

// TestKeyFileWarning: a key file others may read is warned about (by
// name and mode, never its content); a private one is not.
func TestKeyFileWarning(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		mode os.FileMode
		warn bool
	}{{0o600, false}, {0o400, false}, {0o640, true}, {0o644, true}, {0o604, true}} {
		path := filepath.Join(dir, "key.pem")
		writeFile(t, path, []byte("KEYMATERIAL"), tt.mode)
		if err := os.Chmod(path, tt.mode); err != nil { // past the umask
			t.Fatal(err)
		}
		w := keyFileWarning(path)
		if (w != "") != tt.warn || strings.Contains(w, "KEYMATERIAL") {
			t.Errorf("mode %04o: warning %q, want one: %v", tt.mode, w, tt.warn)
		}
	}
}
