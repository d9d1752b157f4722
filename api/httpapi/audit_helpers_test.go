package httpapi

import "github.com/authledger/authledger/api/compliance"

// The audit tests read the rows the compliance use cases produce.
type auditRow = compliance.Row

var auditCSVHeader = compliance.CSVHeader
