package main

import (
	"errors"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// errUsage marks command-line mistakes (exit status 2).
var errUsage = errors.New("usage")

// exitCode maps errors to process exit statuses: 2 for a usage error, 1
// for any other failure.
func exitCode(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}
