package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/authledger/authledger/api/origin"
	"github.com/authledger/authledger/api/social"
)

// oidcProvider is one --oidc-providers entry: the provider and the name
// of the environment variable holding its client secret (read by
// readSecrets, so the secret never appears in flags or process lists).
type oidcProvider struct {
	social.Provider
	SecretEnv string
}

// providerID is what a provider id may be: it appears in the callback path.
var providerID = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

// oidcProviders parses --oidc-providers: entries separated by ';', each
// key=value pairs separated by ',' (id, issuer, client-id,
// client-secret-env, and optionally scopes separated by spaces, trusted).
func (p *settingsParser) oidcProviders() []oidcProvider {
	var out []oidcProvider
	seen := map[string]bool{}
	for _, entry := range strings.Split(p.str("oidc-providers"), ";") {
		if strings.TrimSpace(entry) == "" {
			continue
		}
		o, err := parseOIDCProvider(entry)
		if err == nil && seen[o.ID] {
			err = fmt.Errorf("provider %q is listed twice", o.ID)
		}
		if err != nil {
			p.fail("oidc-providers", "%v", err)
			continue
		}
		seen[o.ID] = true
		out = append(out, o)
	}
	return out
}

// parseOIDCProvider reads one entry; messages quote no value but the id.
func parseOIDCProvider(entry string) (oidcProvider, error) {
	var o oidcProvider
	for _, kv := range strings.Split(entry, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if err := o.set(k, v, ok); err != nil {
			return o, err
		}
	}
	switch {
	case !providerID.MatchString(o.ID):
		return o, fmt.Errorf("entry needs id=<lower-case letters, digits, - or _>")
	case o.Issuer == "":
		return o, fmt.Errorf("provider %q needs issuer=<https URL>", o.ID)
	case o.ClientID == "" || o.SecretEnv == "":
		return o, fmt.Errorf("provider %q needs client-id and client-secret-env", o.ID)
	}
	if _, err := origin.New(o.Issuer); err != nil {
		return o, fmt.Errorf("provider %q: issuer must be an absolute http(s) URL", o.ID)
	}
	return o, nil
}

// set applies one key=value of an entry.
func (o *oidcProvider) set(k, v string, ok bool) error {
	if !ok || v == "" {
		return fmt.Errorf("entry part %q is not key=value", k)
	}
	switch k {
	case "id":
		o.ID = v
	case "issuer":
		o.Issuer = v
	case "client-id":
		o.ClientID = v
	case "client-secret-env":
		o.SecretEnv = v
	case "scopes":
		o.Scopes = strings.Fields(v)
	case "trusted":
		if v != "true" && v != "false" {
			return fmt.Errorf("trusted must be true or false")
		}
		o.Trusted = v == "true"
	default:
		return fmt.Errorf("unknown key %q (id, issuer, client-id, client-secret-env, scopes, trusted)", k)
	}
	return nil
}

// readSecrets fills each provider's client secret from its environment
// variable; an unset one is a usage error naming the variable.
func (s *serveSettings) readSecrets(getenv func(string) string) error {
	p := &settingsParser{}
	for i, o := range s.OIDC {
		s.OIDC[i].ClientSecret = getenv(o.SecretEnv)
		if s.OIDC[i].ClientSecret == "" {
			p.fail("oidc-providers", "provider %q: environment variable %s is empty", o.ID, o.SecretEnv)
		}
	}
	return p.err()
}

// socialProviders are the providers the API runs with.
func (s serveSettings) socialProviders() []social.Provider {
	out := make([]social.Provider, len(s.OIDC))
	for i, o := range s.OIDC {
		out[i] = o.Provider
	}
	return out
}
