package mfahttp_test

import (
	"fmt"
	"net/http"

	"github.com/authledger/authledger/api/httpapi/mfahttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/sessions"
)

// Example lists what the two-factor feature hands the server: its routes
// under /api/auth and the status of its session-freshness code.
func Example() {
	f := mfahttp.New(&wire.Kit{}, nil)
	for _, r := range f.AuthRoutes() {
		fmt.Println(r.Method, r.Path)
	}
	fmt.Println(sessions.CodeSessionNotFresh, f.Statuses()[sessions.CodeSessionNotFresh] == http.StatusForbidden)
	// Output:
	// POST /two-factor/enable
	// POST /two-factor/get-totp-uri
	// POST /two-factor/verify-totp
	// POST /two-factor/generate-backup-codes
	// POST /two-factor/verify-backup-code
	// POST /two-factor/disable
	// POST /two-factor/send-otp
	// POST /two-factor/verify-otp
	// SESSION_NOT_FRESH true
}
