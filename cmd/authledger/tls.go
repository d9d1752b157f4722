package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
)

// certHolder serves the certificate of --tls-cert/--tls-key to every TLS
// handshake (tls.Config.GetCertificate) and swaps it atomically when the
// pair is reloaded: a handshake sees the old pair or the new one, never a
// mix, and a bad new pair leaves the old one in place.
type certHolder struct {
	certFile, keyFile string
	cert              atomic.Pointer[tls.Certificate]
}

// loadCertHolder reads the pair once; an unreadable or mismatched pair is
// an error, so serve refuses to start with it.
func loadCertHolder(certFile, keyFile string) (*certHolder, error) {
	h := &certHolder{certFile: certFile, keyFile: keyFile}
	if err := h.reload(); err != nil {
		return nil, err
	}
	return h, nil
}

// reload reads the pair again and, only when it is valid, makes it the one
// served.
func (h *certHolder) reload() error {
	c, err := loadPair(h.certFile, h.keyFile)
	if err != nil {
		return err
	}
	h.cert.Store(c)
	return nil
}

// loadPair reads and checks a PEM certificate chain and its private key;
// the error names the files, never the key material.
func loadPair(certFile, keyFile string) (*tls.Certificate, error) {
	c, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("tls: certificate %s and key %s: %w", certFile, keyFile, err)
	}
	if c.Leaf == nil {
		if c.Leaf, err = x509.ParseCertificate(c.Certificate[0]); err != nil {
			return nil, fmt.Errorf("tls: certificate %s: %w", certFile, err)
		}
	}
	return &c, nil
}

// getCertificate is the tls.Config hook: the pair loaded last.
func (h *certHolder) getCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	return h.cert.Load(), nil
}

// config is the server's TLS configuration: Go's defaults (cipher suites,
// curves) with TLS 1.2 as the floor, HTTP/2 and HTTP/1.1 offered.
func (h *certHolder) config() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: h.getCertificate,
		NextProtos: []string{"h2", "http/1.1"}}
}

// listen wraps ln so every connection is served over TLS.
func (h *certHolder) listen(ln net.Listener) net.Listener {
	return tls.NewListener(ln, h.config())
}

// reloadOnHangup reloads the pair on every SIGHUP until ctx ends, logging
// the outcome; a pair that fails to load is logged as an error and the
// previous one keeps being served.
func (h *certHolder) reloadOnHangup(ctx context.Context, log *slog.Logger) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		defer signal.Stop(hup)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				if err := h.reload(); err != nil {
					log.Error("TLS certificate reload failed; still serving the previous certificate", "err", err)
					continue
				}
				leaf := h.cert.Load().Leaf
				log.Info("TLS certificate reloaded", "serial", leaf.SerialNumber.String(), "not_after", leaf.NotAfter)
			}
		}
	}()
}

// keyFileWarning is the warning for a private key file that other users
// may read (group or world permission bits), or "" when it is private.
// It is a warning rather than a refusal because secret mounts (Kubernetes,
// Docker) are often group-readable by design.
func keyFileWarning(keyFile string) string {
	fi, err := os.Stat(keyFile)
	if err != nil || fi.Mode().Perm()&0o077 == 0 {
		return ""
	}
	return fmt.Sprintf("TLS key file %s is readable by other users (mode %04o): chmod 600 it", keyFile, fi.Mode().Perm())
}

// servingTLS wraps ln in TLS with the --tls-cert/--tls-key pair, reloaded
// on SIGHUP until ctx ends; without them ln is returned as it is.
func (s *serveSettings) servingTLS(ctx context.Context, ln net.Listener, log *slog.Logger) (net.Listener, error) {
	if s.TLSCert == "" {
		return ln, nil
	}
	h, err := loadCertHolder(s.TLSCert, s.TLSKey)
	if err != nil {
		return nil, err
	}
	if w := keyFileWarning(s.TLSKey); w != "" {
		log.Warn(w)
	}
	h.reloadOnHangup(ctx, log)
	return h.listen(ln), nil
}

// scheme is how serve is reached on its listen address: https with
// --tls-cert, else http.
func (s *serveSettings) scheme() string {
	if s.TLSCert != "" {
		return "https"
	}
	return "http"
}
