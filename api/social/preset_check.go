package social

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// CheckPreset checks a provider's preset and the fields it needs (or
// refuses): an unknown preset, an issuer where the preset fixes it, a
// Microsoft tenant that is neither common, organizations, consumers nor a
// tenant id, an Apple provider without team id or key id, or with a
// private key that is not an ES256 one (an empty key is not checked: the
// configuration reads it later; the upstream refuses it). Messages name
// fields, never values of secrets.
func CheckPreset(p Provider) error {
	preset := p.Preset
	if preset == "" {
		preset = PresetOIDC
	}
	if !slices.Contains(Presets, preset) {
		return fmt.Errorf("unknown preset (one of %v)", Presets)
	}
	var errs []error
	if p.Issuer == "" && preset == PresetOIDC {
		errs = append(errs, errors.New("the oidc preset needs an issuer"))
	}
	if p.Issuer != "" && preset != PresetOIDC && preset != PresetGitLab {
		errs = append(errs, fmt.Errorf("the %s preset's issuer is fixed (only oidc and a self-hosted gitlab take one)", preset))
	}
	if p.Tenant != "" && (preset != PresetMicrosoft || !validTenant(strings.ToLower(p.Tenant))) {
		errs = append(errs, errors.New("tenant is for the microsoft preset: common, organizations, consumers or a tenant id"))
	}
	if preset == PresetApple {
		if p.TeamID == "" || p.KeyID == "" {
			errs = append(errs, errors.New("the apple preset needs a team id and a key id"))
		}
		if _, err := ParseAppleKey(p.PrivateKey); p.PrivateKey != "" && err != nil {
			errs = append(errs, fmt.Errorf("the apple preset's private key: %v", err))
		}
	} else if p.TeamID != "" || p.KeyID != "" || p.PrivateKey != "" {
		errs = append(errs, errors.New("team id, key id and private key are for the apple preset"))
	}
	if p.Offline && preset != PresetGoogle {
		errs = append(errs, errors.New("offline is for the google preset"))
	}
	return errors.Join(errs...)
}
