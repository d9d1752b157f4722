package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// maxProvidersFile bounds the size of --providers-file.
const maxProvidersFile = 1 << 20

// providersFile is --providers-file: a JSON object whose providers have
// the keys of an --oidc-providers entry (scopes a list, trusted and
// offline booleans). Secrets are named by environment variable only.
type providersFile struct {
	Providers []fileProvider `json:"providers"`
}

// fileProvider is one provider of the file.
type fileProvider struct {
	ID              string   `json:"id"`
	Preset          string   `json:"preset"`
	Issuer          string   `json:"issuer"`
	ClientID        string   `json:"client-id"`
	ClientSecretEnv string   `json:"client-secret-env"`
	Scopes          []string `json:"scopes"`
	Trusted         bool     `json:"trusted"`
	Tenant          string   `json:"tenant"`
	TeamID          string   `json:"team-id"`
	KeyID           string   `json:"key-id"`
	PrivateKeyEnv   string   `json:"private-key-env"`
	Offline         bool     `json:"offline"`
}

// fileEntry is one checked provider of the file, or why it is refused.
type fileEntry struct {
	provider oidcProvider
	err      error
}

// readProvidersFile reads and parses path; the error is for the file as
// a whole (unreadable, not the expected JSON).
func readProvidersFile(path string) ([]fileEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: --providers-file cannot be read: %v", errUsage, errors.Unwrap(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxProvidersFile+1))
	if err != nil {
		return nil, fmt.Errorf("%w: --providers-file cannot be read", errUsage)
	}
	if len(data) > maxProvidersFile {
		return nil, fmt.Errorf("%w: --providers-file is larger than %d bytes", errUsage, maxProvidersFile)
	}
	entries, err := parseProvidersFile(data)
	if err != nil {
		return nil, fmt.Errorf("%w: --providers-file %v", errUsage, err)
	}
	return entries, nil
}

// parseProvidersFile decodes the file strictly (unknown keys such as a
// client-secret are refused) and checks every provider like a flag entry.
// Messages quote no value of the file.
func parseProvidersFile(data []byte) ([]fileEntry, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var pf providersFile
	if err := dec.Decode(&pf); err != nil {
		return nil, jsonProblem(err)
	}
	if dec.More() {
		return nil, errors.New("has something after its JSON object")
	}
	if pf.Providers == nil {
		return nil, errors.New(`needs {"providers": [...]}`)
	}
	out := make([]fileEntry, len(pf.Providers))
	for i, fp := range pf.Providers {
		o := fp.provider()
		err := o.check()
		if err != nil && !strings.HasPrefix(err.Error(), "provider ") {
			err = fmt.Errorf("providers[%d]: %v", i, err)
		}
		out[i] = fileEntry{provider: o, err: err}
	}
	return out, nil
}

// provider is fp as a parsed entry.
func (fp fileProvider) provider() oidcProvider {
	var o oidcProvider
	o.ID, o.Preset, o.Issuer, o.ClientID = fp.ID, fp.Preset, fp.Issuer, fp.ClientID
	o.Scopes, o.Trusted, o.Tenant, o.TeamID, o.KeyID, o.Offline = fp.Scopes, fp.Trusted, fp.Tenant, fp.TeamID, fp.KeyID, fp.Offline
	o.SecretEnv, o.KeyEnv = fp.ClientSecretEnv, fp.PrivateKeyEnv
	return o
}

// jsonProblem describes a decoding error without quoting the input.
func jsonProblem(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("is not valid JSON (at byte %d)", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Errorf("has a %s where %s wants %s", typ.Value, typ.Field, typ.Type)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fmt.Errorf("has an unknown key %s (%s)", strings.TrimPrefix(err.Error(), "json: unknown field "), providerKeys)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("is empty or cut short")
	}
	return errors.New("is not the expected JSON")
}
