package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// machine describes the host a table was measured on.
type machine struct {
	CPU     string // model name from /proc/cpuinfo
	Cores   int
	Go      string
	Pinning bool // taskset is available and there are two or more cores
}

func describeMachine() machine {
	m := machine{CPU: "unknown", Cores: runtime.NumCPU(), Go: runtime.Version()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if _, err := exec.LookPath("taskset"); err == nil && m.Cores >= 2 {
		m.Pinning = true
	}
	return m
}

func (m machine) String() string {
	pin := "server on CPU 0, load generator on CPU 1 (taskset)"
	if !m.Pinning {
		pin = "no pinning (taskset missing or one core)"
	}
	return fmt.Sprintf("%s, %d cores, %s, %s", m.CPU, m.Cores, m.Go, pin)
}

// loadAverage is the first three fields of /proc/loadavg, or "unknown".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// pinned returns the command line that runs argv on the given CPU list
// ("0", "1", "0,1") when pinning is available, else argv unchanged.
func (m machine) pinned(cpus string, argv ...string) []string {
	if !m.Pinning {
		return argv
	}
	return append([]string{"taskset", "-c", cpus}, argv...)
}
