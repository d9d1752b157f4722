package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
)

var heapMB = regexp.MustCompile(`([0-9.]+) heap-MB`)

// sessionMemorySuite runs the session index's memory benchmark (one
// million sessions of 100,000 people) and reports the live heap it holds;
// the goal is absolute: under 220 MB.
func sessionMemorySuite(ctx context.Context, o Options) ([]Row, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "./api/sessionindex", "-run", "^$",
		"-bench", "^BenchmarkIndexMemory$", "-benchtime", "1x")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("session index benchmark: %w", err)
	}
	m := heapMB.FindSubmatch(out)
	if m == nil {
		return nil, fmt.Errorf("session index benchmark: no heap-MB figure")
	}
	mb, _ := strconv.ParseFloat(string(m[1]), 64)
	return []Row{{Path: "session index, 1M sessions", Ours: mb, Unit: "MB heap", Goal: 220,
		Note: "goal: heap < 220 MB", Lower: true}}, nil
}
