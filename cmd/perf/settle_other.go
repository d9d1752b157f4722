//go:build !unix

package main

// settle is a no-op where sync(2) is not available (see settle_unix.go).
func settle() {}
