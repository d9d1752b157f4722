package httpapi

import (
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/authledger/authledger/domain/twofactor"
)

// TestAuditExportNeverHoldsSecondFactorSecrets: a person enrols two-factor
// (and uses a backup code); the audit export with personal data, in each
// of its formats, carries their email and their two-factor events but
// neither the TOTP secret (base32, its bytes in hex or base64) nor a
// backup code, nor the sealed values the log keeps for them (the secret,
// the backup code hashes), although the export decrypts the records.
func TestAuditExportNeverHoldsSecondFactorSecrets(t *testing.T) {
	h := newHarness(t)
	secret, codes, cookie := h.enrolled("alice@example.com")
	if r := h.verify("verify-backup-code", h.challenge("alice@example.com"), codes[0], false); r.status != 200 {
		t.Fatalf("backup code: %d %s", r.status, r.body)
	}
	person := h.get("/get-session", withCookie(cookie)).json(t)["user"].(map[string]any)["id"].(string)

	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(secret))
	if err != nil || len(raw) < 10 {
		t.Fatalf("TOTP secret %d bytes: %v", len(raw), err)
	}
	needles := append([]string{secret, strings.ToLower(secret), hex.EncodeToString(raw),
		base64.StdEncoding.EncodeToString(raw), base64.RawURLEncoding.EncodeToString(raw)}, codes...)
	// The sealed values themselves, as the log keeps them (decrypted here
	// with the server's codec): an export that copied them would show them.
	evs, _ := h.recordsOf(twofactor.TypeEnrolmentStarted)
	if len(evs) != 1 {
		t.Fatalf("%d enrolment records, want 1", len(evs))
	}
	started := evs[0].(twofactor.EnrolmentStarted)
	if started.Secret == "" || started.BackupCodes == "" {
		t.Fatalf("enrolment record without its sealed values: %+v", started)
	}
	needles = append(needles, started.Secret)
	needles = append(needles, strings.Split(started.BackupCodes, ",")...)
	used, _ := h.recordsOf(twofactor.TypeCodeAccepted)
	for _, ev := range used {
		if c := ev.(twofactor.CodeAccepted).BackupCode; c != "" {
			needles = append(needles, c)
		}
	}

	for _, format := range []string{"", "&format=ndjson", "&format=csv"} {
		out := auditGet(h, "/v1/audit/events?include=pii&person="+person+format)
		if out.status != 200 {
			t.Fatalf("export%s: %d %s", format, out.status, out.body)
		}
		body := string(out.body)
		if !strings.Contains(body, "alice@example.com") || !strings.Contains(body, twofactor.TypeEnrolmentStarted) ||
			!strings.Contains(body, twofactor.TypeCodeAccepted) {
			t.Fatalf("export%s lacks the email or the two-factor events, so the scan would prove nothing:\n%s", format, body)
		}
		for _, n := range needles {
			if strings.Contains(body, n) {
				t.Errorf("export%s holds a second-factor secret (%d chars)", format, len(n))
			}
		}
	}
}
