package main

import (
	"io"
	"log/slog"
)

// notices returns the logger of what the binary says whatever
// --log-level is, or before its configured logger exists: the generated
// secret and audit key warnings, the listening lines. The same slog JSON
// as every other line, at info and above.
func notices(w io.Writer) *slog.Logger { return newLogger(slog.LevelInfo, w) }
