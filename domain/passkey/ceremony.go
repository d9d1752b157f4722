package passkey

import (
	"encoding/json"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"
)

// Ceremony is the server's half of a ceremony: go-webauthn's session data
// (challenge, RP ID, user handle for a registration, requested
// extensions) and when it expires on the caller's clock.
type Ceremony struct {
	Session webauthn.SessionData
}

// Challenge returns the ceremony's challenge (unpadded base64url of 32
// random bytes): unique, so it names the ceremony for single use.
func (c Ceremony) Challenge() string { return c.Session.Challenge }

// Registration reports whether the ceremony registers a credential.
func (c Ceremony) Registration() bool { return len(c.Session.UserID) > 0 }

// Encode returns the ceremony in the unpadded base64url form the signed
// cookie carries.
func (c Ceremony) Encode() (string, error) {
	b, err := json.Marshal(c.Session)
	if err != nil {
		return "", err
	}
	return b64.EncodeToString(b), nil
}

// MaxEncodedLength bounds an encoded ceremony before it is decoded.
const MaxEncodedLength = 2048

// DecodeCeremony parses an encoded ceremony; anything else than what
// Encode produces (bad base64, bad JSON, a short challenge) is
// ErrChallengeNotFound.
func DecodeCeremony(s string) (Ceremony, error) {
	if len(s) > MaxEncodedLength {
		return Ceremony{}, ErrChallengeNotFound
	}
	raw, err := b64.DecodeString(s)
	if err != nil {
		return Ceremony{}, ErrChallengeNotFound
	}
	var sd webauthn.SessionData
	if err := json.Unmarshal(raw, &sd); err != nil {
		return Ceremony{}, ErrChallengeNotFound
	}
	if ch, err := b64.DecodeString(sd.Challenge); err != nil || len(ch) < 32 || sd.Expires.IsZero() {
		return Ceremony{}, ErrChallengeNotFound
	}
	return Ceremony{Session: sd}, nil
}

// live checks the TTL on the caller's clock and returns the session data
// go-webauthn verifies against (without its wall-clock expiry).
func (c Ceremony) live(now time.Time) (webauthn.SessionData, error) {
	if !now.Before(c.Session.Expires) {
		return webauthn.SessionData{}, ErrChallengeExpired
	}
	sd := c.Session
	sd.Expires = time.Time{}
	return sd, nil
}

// stamp sets the ceremony's expiry on the caller's clock.
func stamp(sd *webauthn.SessionData, now time.Time) Ceremony {
	sd.Expires = now.Add(ChallengeTTL).UTC()
	return Ceremony{Session: *sd}
}

// RegistrationOptions is the answer of generate-register-options, with
// Better Auth's keys in its order.
type RegistrationOptions struct {
	Challenge              string                              `json:"challenge"`
	RP                     protocol.RelyingPartyEntity         `json:"rp"`
	User                   protocol.UserEntity                 `json:"user"`
	PubKeyCredParams       []protocol.CredentialParameter      `json:"pubKeyCredParams"`
	Timeout                int                                 `json:"timeout"`
	Attestation            protocol.ConveyancePreference       `json:"attestation"`
	ExcludeCredentials     []protocol.CredentialDescriptor     `json:"excludeCredentials"`
	AuthenticatorSelection protocol.AuthenticatorSelection     `json:"authenticatorSelection"`
	Extensions             protocol.AuthenticationExtensions   `json:"extensions"`
	Hints                  []protocol.PublicKeyCredentialHints `json:"hints"`
}

// LoginOptions is the answer of generate-authenticate-options.
type LoginOptions struct {
	RPID             string                               `json:"rpId"`
	Challenge        string                               `json:"challenge"`
	Timeout          int                                  `json:"timeout"`
	UserVerification protocol.UserVerificationRequirement `json:"userVerification"`
}

// BeginRegistration returns the creation options for u (its registered
// credentials excluded) and the ceremony to keep. attachment is "",
// "platform" or "cross-platform".
func (r *Relying) BeginRegistration(u User, attachment string, now time.Time) (RegistrationOptions, Ceremony, error) {
	wu, err := adapt(u)
	if err != nil {
		return RegistrationOptions{}, Ceremony{}, err
	}
	sel := protocol.AuthenticatorSelection{ResidentKey: protocol.ResidentKeyRequirementPreferred,
		RequireResidentKey: protocol.ResidentKeyNotRequired(), UserVerification: protocol.VerificationPreferred,
		AuthenticatorAttachment: protocol.AuthenticatorAttachment(attachment)}
	exclude := webauthn.Credentials(wu.creds).CredentialDescriptors()
	cc, sd, err := r.w.BeginRegistration(wu, webauthn.WithAuthenticatorSelection(sel),
		webauthn.WithCredentialParameters(credParams()), webauthn.WithExclusions(exclude),
		webauthn.WithConveyancePreference(protocol.PreferNoAttestation),
		webauthn.WithExtensions(webauthn.WithExtensionCredProps()))
	if err != nil {
		return RegistrationOptions{}, Ceremony{}, err
	}
	o := cc.Response
	if exclude == nil {
		exclude = []protocol.CredentialDescriptor{}
	}
	return RegistrationOptions{Challenge: o.Challenge.String(), RP: o.RelyingParty, User: o.User,
		PubKeyCredParams: o.Parameters, Timeout: o.Timeout, Attestation: o.Attestation, ExcludeCredentials: exclude,
		AuthenticatorSelection: o.AuthenticatorSelection, Extensions: o.Extensions,
		Hints: []protocol.PublicKeyCredentialHints{}}, stamp(sd, now), nil
}

// FinishRegistration verifies an attestation (the JSON of the browser's
// PublicKeyCredential) for u against the ceremony and returns the
// credential to store.
func (r *Relying) FinishRegistration(u User, c Ceremony, response []byte, now time.Time) (Stored, error) {
	sd, err := c.live(now)
	if err != nil {
		return Stored{}, err
	}
	if !c.Registration() || string(sd.UserID) != u.ID {
		return Stored{}, ErrChallengeNotFound
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes(response)
	if err != nil {
		return Stored{}, wrap(ErrRegistrationFailed, err)
	}
	wu, err := adapt(u)
	if err != nil {
		return Stored{}, err
	}
	cred, err := r.w.CreateCredential(wu, sd, parsed)
	if err != nil {
		return Stored{}, wrap(ErrRegistrationFailed, err)
	}
	return stored(cred), nil
}

// BeginLogin returns the request options of a discoverable sign-in (no
// allowCredentials: the authenticator offers its passkeys for this RP)
// and the ceremony to keep.
func (r *Relying) BeginLogin(now time.Time) (LoginOptions, Ceremony, error) {
	ca, sd, err := r.w.BeginDiscoverableLogin(webauthn.WithUserVerification(protocol.VerificationPreferred))
	if err != nil {
		return LoginOptions{}, Ceremony{}, err
	}
	o := ca.Response
	return LoginOptions{RPID: o.RelyingPartyID, Challenge: o.Challenge.String(), Timeout: o.Timeout,
		UserVerification: o.UserVerification}, stamp(sd, now), nil
}
