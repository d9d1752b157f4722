package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/authledger/authledger/eventstore"
)

// kekSecretFile holds, in the data directory, the secret the
// key-encryption key is derived from once "secret rotate" replaced the
// generated one.
const kekSecretFile = "kek-secret"

// kekSecret is what the key-encryption key is derived from: --kek-secret
// when set, else the data directory's kek-secret file when present (left
// by a rotation of a generated secret), else the server secret.
func kekSecret(s storeSettings, secret []byte) ([]byte, error) {
	if s.KEKSecret != "" {
		return []byte(s.KEKSecret), nil
	}
	b, err := os.ReadFile(filepath.Join(s.DataDir, kekSecretFile))
	if errors.Is(err, fs.ErrNotExist) {
		return secret, nil
	}
	if err != nil {
		return nil, err
	}
	if v := strings.TrimSpace(string(b)); len(v) >= minSecretLen {
		return []byte(v), nil
	}
	return nil, fmt.Errorf("%s in %s is too short", kekSecretFile, s.DataDir)
}

// secretRotateCmd handles "authledger secret rotate --new-secret-env VAR": every
// per-person data key is unwrapped with the current key-encryption key and
// wrapped with one derived from the new secret, in one transaction. No
// event is rewritten; erased people (no key) stay erased; the old secret
// no longer unwraps anything. The secret keeps signing cookies and keying
// the claims, which a rotation must not disturb. Stop every node first:
// a running server caches keys and wraps new ones with the KEK it loaded.
func secretRotateCmd(ctx context.Context, in *invocation) error {
	const use = "authledger secret rotate --new-secret-env VAR [flags]"
	s, err := in.store()
	if err != nil {
		return err
	}
	mine, getenv, stdout, stderr := in.own, in.getenv, in.stdout, in.stderr
	if len(in.operands) > 0 || !envName.MatchString(mine["new-secret-env"]) {
		return fmt.Errorf("%w: %s (the new secret is read from the variable VAR names, never from a flag)", errUsage, use)
	}
	fresh := getenv(mine["new-secret-env"])
	if len(fresh) < minSecretLen {
		return fmt.Errorf("%w: $%s must hold the new secret, at least %d characters", errUsage, mine["new-secret-env"], minSecretLen)
	}
	a, err := openExistingApp(ctx, s, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	current, err := kekSecret(s, a.secret)
	if err != nil {
		return err
	}
	if string(current) == fresh {
		return fmt.Errorf("%w: $%s holds the current key-encryption secret", errUsage, mine["new-secret-env"])
	}
	rw, ok := a.store.Keys().(eventstore.KeyRewrapper)
	if !ok {
		return errors.New("this event store cannot rewrap its keys")
	}
	fn, err := eventstore.Rewrap(eventstore.DeriveKEK(current), eventstore.DeriveKEK([]byte(fresh)))
	if err != nil {
		return err
	}
	n, err := rw.RewrapKeys(ctx, fn)
	if err != nil {
		return fmt.Errorf("rotation failed, nothing was changed: %w", err)
	}
	fmt.Fprintf(stdout, "rewrapped %d per-person keys under the new key-encryption key; no event was rewritten\n", n)
	if s.Secret == "" && s.KEKSecret == "" { // the generated secret: keep the new one next to it
		if err := replaceFile(filepath.Join(s.DataDir, kekSecretFile), []byte(fresh+"\n"), 0o600); err != nil {
			return fmt.Errorf("the keys are rewrapped but %s could not be written (%w): start with AUTHLEDGER_KEK_SECRET set to $%s",
				kekSecretFile, err, mine["new-secret-env"])
		}
		fmt.Fprintf(stdout, "saved it to %s (mode 0600); back it up with the data directory\n", filepath.Join(s.DataDir, kekSecretFile))
		return nil
	}
	fmt.Fprintf(stdout, "now set AUTHLEDGER_KEK_SECRET to the value of $%s on every node before starting them\n", mine["new-secret-env"])
	return nil
}
