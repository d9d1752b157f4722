package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// processCPU returns the time every thread of process pid has spent on a
// CPU (Linux's /proc/<pid>/task/*/schedstat, in nanoseconds); ok is false
// where there is no such file. On a shared machine the wall time of one
// request mostly measures the other tenants; the CPU time it cost the
// server does not.
func processCPU(pid int) (ns int64, ok bool) {
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	if err != nil || len(tasks) == 0 {
		return 0, false
	}
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue // a thread that ended meanwhile
		}
		f := strings.Fields(string(b))
		if len(f) == 0 {
			return 0, false
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, false
		}
		ns += n
	}
	return ns, true
}

// cpuNote formats the CPU time between two processCPU readings.
func cpuNote(before, after int64, ok bool) string {
	if !ok {
		return "n/a"
	}
	return fmt.Sprintf("%.1f ms", float64(after-before)/1e6)
}
