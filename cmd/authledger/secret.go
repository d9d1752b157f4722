package main

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// secretFile is where a generated secret is kept inside the data directory.
const secretFile = "secret"

// loadSecret returns the configured secret, or the one persisted in the data
// directory, generating it (with a loud warning) on first run.
func loadSecret(configured, dataDir string, warn io.Writer) ([]byte, error) {
	if configured != "" {
		if len(configured) < 32 {
			return nil, fmt.Errorf("%w: --secret must be at least 32 characters", errUsage)
		}
		return []byte(configured), nil
	}
	path := filepath.Join(dataDir, secretFile)
	b, err := os.ReadFile(path)
	if err == nil {
		_ = os.Chmod(path, privateFileMode) // best effort: a copy restored with a looser mode

		s := strings.TrimSpace(string(b))
		if len(s) < 32 {
			return nil, fmt.Errorf("secret file %s is too short", path)
		}
		return []byte(s), nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	raw := make([]byte, 48)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	s := base64.RawURLEncoding.EncodeToString(raw)
	if err := os.WriteFile(path, []byte(s+"\n"), 0o600); err != nil {
		return nil, err
	}
	notices(warn).Warn("WARNING: no --secret / AUTHLEDGER_SECRET given; generated one and saved it to path. "+
		"It signs cookies and wraps every person's encryption key. Back it up and set AUTHLEDGER_SECRET in production: "+
		"losing it makes all personal data in the log unreadable and signs everyone out.", "path", path)
	return []byte(s), nil
}
