package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/authledger/authledger/api/mail/mailtest"
)

// otpCodeRE finds the code in an emailed sign-in code message.
var otpCodeRE = regexp.MustCompile(`code is ([0-9]{6})`)

// TestOfficialTwoFactorOTPClient runs testdata/node/otp_client.mjs — the
// official better-auth client with twoFactorClient, unchanged — against
// the real binary configured with --smtp-url pointing at a test SMTP sink;
// the script reads the mailed code through a small mailbox endpoint.
func TestOfficialTwoFactorOTPClient(t *testing.T) {
	node, npm := nodeTools(t)
	authledgerBinary(t)
	ensureNodeModules(t, npm)

	sink := mailtest.Start(t)
	mailbox := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		msgs := sink.Messages()
		if len(msgs) == 0 {
			http.Error(w, "empty", http.StatusNotFound)
			return
		}
		m := otpCodeRE.FindStringSubmatch(msgs[len(msgs)-1].Data)
		if m == nil {
			http.Error(w, "no code", http.StatusNotFound)
			return
		}
		_, _ = fmt.Fprint(w, m[1])
	}))
	t.Cleanup(mailbox.Close)

	s := startServer(t, filepath.Join(t.TempDir(), "data"),
		"--smtp-url", fmt.Sprintf("smtp://127.0.0.1:%d?from=noreply@example.com", sink.Port()))
	sum := runNodeScript[twoFactorSummary](t, s, node, "otp_client.mjs", "AUTHLEDGER_MAILBOX="+mailbox.URL)
	t.Logf("otp client summary: %+v", sum)
	if !sum.OK || sum.UserID == "" || len(sum.Steps) != 4 {
		t.Fatalf("otp client summary: got %+v, want ok, a user id and 4 steps", sum)
	}
	s.Alive()
}
