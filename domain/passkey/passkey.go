package passkey

import (
	"encoding/base64"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/protocol/webauthncose"
	"github.com/go-webauthn/webauthn/webauthn"
)

// ChallengeTTL is how long a ceremony's challenge is accepted (Better
// Auth's passkey cookie lives 5 minutes).
const ChallengeTTL = 5 * time.Minute

// Timeout is the timeout the options announce to the browser.
const Timeout = 60 * time.Second

// Errors with codes (statuses are mapped in the API).
var (
	ErrChallengeNotFound    = domain.Errorf("CHALLENGE_NOT_FOUND", "Challenge not found")
	ErrChallengeExpired     = domain.Errorf("CHALLENGE_EXPIRED", "Challenge expired")
	ErrRegistrationFailed   = domain.Errorf("FAILED_TO_VERIFY_REGISTRATION_RESPONSE", "Failed to verify registration response")
	ErrAuthenticationFailed = domain.Errorf("AUTHENTICATION_FAILED", "Authentication failed")
	ErrInvalidConfig        = domain.Errorf(domain.CodeValidation, "passkey: invalid relying party configuration")
)

// RP is the relying party: its ID (a registrable domain, the host of the
// site), display name and the origins whose answers are accepted.
type RP struct {
	ID      string
	Name    string
	Origins []string
}

// Relying runs the ceremonies of one relying party.
type Relying struct {
	rp RP
	w  *webauthn.WebAuthn
}

// New checks the relying party and returns its ceremonies.
func New(rp RP) (*Relying, error) {
	if rp.ID == "" || rp.Name == "" || len(rp.Origins) == 0 || strings.ContainsAny(rp.ID, "/:") {
		return nil, ErrInvalidConfig
	}
	for _, o := range rp.Origins {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Path != "" {
			return nil, ErrInvalidConfig
		}
	}
	w, err := webauthn.New(&webauthn.Config{RPID: rp.ID, RPDisplayName: rp.Name, RPOrigins: rp.Origins,
		AttestationPreference: protocol.PreferNoAttestation,
		Timeouts: webauthn.TimeoutsConfig{Login: webauthn.TimeoutConfig{Timeout: Timeout, TimeoutUVD: Timeout},
			Registration: webauthn.TimeoutConfig{Timeout: Timeout, TimeoutUVD: Timeout}}})
	if err != nil {
		return nil, errors.Join(ErrInvalidConfig, err)
	}
	return &Relying{rp: rp, w: w}, nil
}

// RPID returns the relying party ID.
func (r *Relying) RPID() string { return r.rp.ID }

// Stored is a registered credential as the log keeps it: binary values in
// unpadded base64url.
type Stored struct {
	CredentialID    string
	PublicKey       string
	AttestationType string
	AAGUID          string
	SignCount       uint32
	Transports      string // comma-separated
	UserVerified    bool
	BackupEligible  bool
	BackedUp        bool
}

// User is the person a ceremony is for: ID becomes the user handle.
type User struct {
	ID, Name, DisplayName string
	Credentials           []Stored
}

// waUser adapts User to go-webauthn.
type waUser struct {
	u     User
	creds []webauthn.Credential
}

func (w waUser) WebAuthnID() []byte                         { return []byte(w.u.ID) }
func (w waUser) WebAuthnName() string                       { return w.u.Name }
func (w waUser) WebAuthnDisplayName() string                { return w.u.DisplayName }
func (w waUser) WebAuthnCredentials() []webauthn.Credential { return w.creds }

func adapt(u User) (waUser, error) {
	out := waUser{u: u}
	for _, s := range u.Credentials {
		c, err := s.credential()
		if err != nil {
			return waUser{}, err
		}
		out.creds = append(out.creds, c)
	}
	return out, nil
}

var b64 = base64.RawURLEncoding

func (s Stored) credential() (webauthn.Credential, error) {
	id, err := b64.DecodeString(s.CredentialID)
	if err != nil {
		return webauthn.Credential{}, err
	}
	pk, err := b64.DecodeString(s.PublicKey)
	if err != nil {
		return webauthn.Credential{}, err
	}
	aaguid, _ := b64.DecodeString(s.AAGUID)
	var transports []protocol.AuthenticatorTransport
	for _, t := range strings.Split(s.Transports, ",") {
		if t != "" {
			transports = append(transports, protocol.AuthenticatorTransport(t))
		}
	}
	return webauthn.Credential{ID: id, PublicKey: pk, AttestationType: s.AttestationType, Transport: transports,
		Flags:         webauthn.CredentialFlags{UserPresent: true, UserVerified: s.UserVerified, BackupEligible: s.BackupEligible, BackupState: s.BackedUp},
		Authenticator: webauthn.Authenticator{AAGUID: aaguid, SignCount: s.SignCount}}, nil
}

func stored(c *webauthn.Credential) Stored {
	ts := make([]string, 0, len(c.Transport))
	for _, t := range c.Transport {
		ts = append(ts, string(t))
	}
	return Stored{CredentialID: b64.EncodeToString(c.ID), PublicKey: b64.EncodeToString(c.PublicKey),
		AttestationType: c.AttestationType, AAGUID: b64.EncodeToString(c.Authenticator.AAGUID),
		SignCount: c.Authenticator.SignCount, Transports: strings.Join(ts, ","), UserVerified: c.Flags.UserVerified,
		BackupEligible: c.Flags.BackupEligible, BackedUp: c.Flags.BackupState}
}

// credParams are Better Auth's algorithms, in its order: EdDSA, ES256, RS256.
func credParams() []protocol.CredentialParameter {
	return []protocol.CredentialParameter{
		{Type: protocol.PublicKeyCredentialType, Algorithm: webauthncose.AlgEdDSA},
		{Type: protocol.PublicKeyCredentialType, Algorithm: webauthncose.AlgES256},
		{Type: protocol.PublicKeyCredentialType, Algorithm: webauthncose.AlgRS256},
	}
}
