package main

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/authledger/authledger/api/origin"
	"github.com/authledger/authledger/api/social"
)

// oidcProvider is one social sign-in provider (an --oidc-providers entry
// or a --providers-file one): the provider and the names of the
// environment variables holding its secrets (read by readSecrets, so no
// secret appears in flags, files or process lists).
type oidcProvider struct {
	social.Provider
	// SecretEnv names the client secret's variable (every preset but
	// apple).
	SecretEnv string
	// KeyEnv names the variable holding Apple's private key (PEM).
	KeyEnv string
	// flag is the setting the provider came from (for messages).
	flag string
}

// providerID is what a provider id may be: it appears in the callback path.
var providerID = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

// envName is what an environment variable's name may be.
var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,127}$`)

// providerKeys are the keys of an entry, in the order the help names them.
const providerKeys = "id, preset, issuer, client-id, client-secret-env, scopes, trusted, tenant, team-id, key-id, private-key-env, offline"

// oidcProviders parses --oidc-providers (entries separated by ';', each
// key=value pairs separated by ',') and the entries of --providers-file;
// every bad entry is reported, and an id listed twice (in either) too.
func (p *settingsParser) oidcProviders() []oidcProvider {
	var out []oidcProvider
	seen := map[string]bool{}
	add := func(flag string, o oidcProvider, err error) {
		if err == nil && seen[o.ID] {
			err = fmt.Errorf("provider %q is listed twice", o.ID)
		}
		if err != nil {
			p.fail(flag, "%v", err)
			return
		}
		seen[o.ID] = true
		o.flag = flag
		out = append(out, o)
	}
	for _, entry := range strings.Split(p.str("oidc-providers"), ";") {
		if strings.TrimSpace(entry) != "" {
			o, err := parseOIDCProvider(entry)
			add("oidc-providers", o, err)
		}
	}
	if path := p.str("providers-file"); path != "" {
		entries, err := readProvidersFile(path)
		p.failed(err)
		for _, e := range entries {
			add("providers-file", e.provider, e.err)
		}
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
	return o, o.check()
}

// set applies one key=value of an entry.
func (o *oidcProvider) set(k, v string, ok bool) error {
	if !ok || v == "" {
		return fmt.Errorf("entry part %q is not key=value", k)
	}
	switch k {
	case "id":
		o.ID = v
	case "preset":
		o.Preset = v
	case "issuer":
		o.Issuer = v
	case "client-id":
		o.ClientID = v
	case "client-secret-env":
		o.SecretEnv = v
	case "scopes":
		o.Scopes = strings.Fields(v)
	case "tenant":
		o.Tenant = v
	case "team-id":
		o.TeamID = v
	case "key-id":
		o.KeyID = v
	case "private-key-env":
		o.KeyEnv = v
	case "trusted", "offline":
		if v != "true" && v != "false" {
			return fmt.Errorf("%s must be true or false", k)
		}
		if k == "trusted" {
			o.Trusted = v == "true"
		} else {
			o.Offline = v == "true"
		}
	default:
		return fmt.Errorf("unknown key %q (%s)", k, providerKeys)
	}
	return nil
}

// check says what is wrong with a parsed entry: every problem of a
// provider at once, naming fields, never a value but the id.
func (o *oidcProvider) check() error {
	if !providerID.MatchString(o.ID) {
		return fmt.Errorf("entry needs id=<lower-case letters, digits, - or _>")
	}
	if o.Preset == "" {
		o.Preset = social.PresetOIDC
	}
	if !slices.Contains(social.Presets, o.Preset) {
		return fmt.Errorf("provider %q: preset must be one of %s", o.ID, strings.Join(social.Presets, ", "))
	}
	var errs []error
	if o.ClientID == "" {
		errs = append(errs, errors.New("needs client-id"))
	}
	apple := o.Preset == social.PresetApple
	switch {
	case apple && o.SecretEnv != "":
		errs = append(errs, errors.New("apple signs its client secret: give private-key-env, team-id and key-id instead of client-secret-env"))
	case apple && o.KeyEnv == "":
		errs = append(errs, errors.New("needs private-key-env (the variable holding the .p8 key)"))
	case !apple && o.SecretEnv == "":
		errs = append(errs, errors.New("needs client-secret-env"))
	case !apple && o.KeyEnv != "":
		errs = append(errs, errors.New("private-key-env is for the apple preset"))
	}
	for _, name := range []string{o.SecretEnv, o.KeyEnv} {
		if name != "" && !envName.MatchString(name) {
			errs = append(errs, errors.New("an environment variable name must be letters, digits and _"))
		}
	}
	if _, err := origin.New(o.Issuer); o.Issuer != "" && err != nil {
		errs = append(errs, errors.New("issuer must be an absolute http(s) URL"))
	}
	if err := social.CheckPreset(o.Provider); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("provider %q: %s", o.ID, strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	return nil
}

// readSecrets fills each provider's secrets from its environment
// variables: the client secret, or Apple's private key (which must be an
// ES256 key). An unset variable or a bad key is a usage error naming the
// variable, never its value.
func (s *serveSettings) readSecrets(getenv func(string) string) error {
	p := &settingsParser{}
	for i, o := range s.OIDC {
		flag := o.flag
		if flag == "" {
			flag = "oidc-providers"
		}
		if o.KeyEnv != "" {
			s.OIDC[i].PrivateKey = pemFromEnv(getenv(o.KeyEnv))
			if _, err := social.ParseAppleKey(s.OIDC[i].PrivateKey); s.OIDC[i].PrivateKey == "" {
				p.fail(flag, "provider %q: environment variable %s is empty", o.ID, o.KeyEnv)
			} else if err != nil {
				p.fail(flag, "provider %q: environment variable %s: %v", o.ID, o.KeyEnv, err)
			}
			continue
		}
		s.OIDC[i].ClientSecret = getenv(o.SecretEnv)
		if s.OIDC[i].ClientSecret == "" {
			p.fail(flag, "provider %q: environment variable %s is empty", o.ID, o.SecretEnv)
		}
	}
	return p.err()
}

// pemFromEnv is a PEM text as an environment variable holds it: with its
// line breaks, or on one line with them written \n (as env files and
// container settings often do).
func pemFromEnv(v string) string {
	if !strings.Contains(v, "\n") {
		return strings.ReplaceAll(v, `\n`, "\n")
	}
	return v
}

// socialProviders are the providers the API runs with.
func (s serveSettings) socialProviders() []social.Provider {
	out := make([]social.Provider, len(s.OIDC))
	for i, o := range s.OIDC {
		out[i] = o.Provider
	}
	return out
}
