package main

import (
	"fmt"
	"os"
	"os/exec"
)

// roleEnv names the hidden role a re-executed harness binary plays: the
// references (a bare Echo server, the raw Argon2id loop) run as separate,
// pinned processes of this same binary.
const roleEnv = "AUTHLEDGER_PERF_ROLE"

// roles are the hidden modes; each reads its settings from the environment
// and writes one result line on stdout.
var roles = map[string]func() error{
	"bare-echo": bareEchoRole,
	"argon2":    argon2Role,
}

// runRole runs the role named in the environment; ok is false when the
// binary is the harness itself.
func runRole() (ok bool) {
	name := os.Getenv(roleEnv)
	if name == "" {
		return false
	}
	f, found := roles[name]
	if !found {
		fmt.Fprintln(os.Stderr, "perf: unknown role", name)
		os.Exit(2)
	}
	if err := f(); err != nil {
		fmt.Fprintln(os.Stderr, "perf:", name+":", err)
		os.Exit(1)
	}
	return true
}

// roleCommand builds the command that re-executes this binary in a role,
// pinned to cpus, with extra environment settings.
func roleCommand(m machine, cpus, role string, env ...string) (*exec.Cmd, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	argv := m.pinned(cpus, self)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(append(os.Environ(), roleEnv+"="+role), env...)
	cmd.Stderr = os.Stderr
	return cmd, nil
}
