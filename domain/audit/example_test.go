package audit_test

import (
	"fmt"
	"time"

	"github.com/authledger/authledger/domain/audit"
)

// Example records an export of the audit trail in the day's stream.
func Example() {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	ev := audit.Read{Route: "/v1/audit/events", Query: "person=P1&format=ndjson", At: at}
	fmt.Println(audit.Stream(at), ev.EventType())
	// Output: audit-2026-11-27 audit.read
}
