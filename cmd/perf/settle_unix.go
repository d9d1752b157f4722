//go:build unix

package main

import "syscall"

// settle writes what earlier steps left in the page cache to disk
// (sync(2)) before a timed step starts, so that the kernel's write-back of
// a fixture or of the previous step's files is not measured as the step's.
func settle() { syscall.Sync() }
