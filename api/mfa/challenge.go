package mfa

import (
	"context"
	"time"
)

// Challenge is a pending sign-in waiting for its second factor: who, which
// challenge (recorded with the password step), until when, and whether
// the session to open is remembered. The transport carries it (HTTP: the
// signed two_factor cookie) between the password step and the code.
type Challenge struct {
	PersonID string
	ID       string
	Expires  time.Time
	Remember bool
}

// Device is a trusted device as the transport carries it (HTTP: the signed
// trust_device cookie): whose, which, and when it was trusted. The zero
// Device is no trusted device.
type Device struct {
	PersonID string
	ID       string
	Issued   time.Time
}

// Live reports whether the challenge may still complete a sign-in at now.
func (ch Challenge) Live(now time.Time) bool { return ch.ID != "" && now.Before(ch.Expires) }

// Trusted reports whether d lets personID skip the second factor at now:
// it must be theirs, younger than the trust age, and issued after the last
// revocation of trusted devices (disabling two-factor, a new enrolment) and
// after the last password change (passwordAt).
func (s *Service) Trusted(d Device, personID string, trustRevokedAt, passwordAt, now time.Time) bool {
	return d.PersonID != "" && d.PersonID == personID && now.Before(d.Issued.Add(s.cfg.TrustDeviceAge)) &&
		d.Issued.After(trustRevokedAt) && d.Issued.After(passwordAt)
}

// Challenge says whether a password sign-in of personID on device needs a
// second factor: with two-factor on and the device not trusted it returns
// a fresh pending challenge (ok true); otherwise ok is false. passwordAt is
// the credential's last password change; remember is carried to the
// session the challenge opens.
func (s *Service) Challenge(ctx context.Context, personID string, device Device, passwordAt time.Time, remember bool) (Challenge, bool, error) {
	tf, err := s.state(ctx, personID)
	if err != nil || !tf.Enabled {
		return Challenge{}, false, err
	}
	now := s.app.Now()
	if s.Trusted(device, personID, tf.TrustRevokedAt, passwordAt, now) {
		return Challenge{}, false, nil
	}
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return Challenge{}, false, err
	}
	return Challenge{PersonID: personID, ID: ids[0], Expires: now.Add(s.cfg.ChallengeAge), Remember: remember}, true, nil
}
