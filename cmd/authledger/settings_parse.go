package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// settingsParser turns the raw settings into typed values and collects
// every problem on the way, so a start reports all its bad settings at
// once instead of one per attempt. Messages name the flag; the value is
// quoted only by callers that know it is not a secret.
type settingsParser struct {
	cfg  config
	errs []error
}

// fail records a bad setting as a usage error naming its flag.
func (p *settingsParser) fail(flag, format string, args ...any) {
	p.errs = append(p.errs, fmt.Errorf("%w: --%s %s", errUsage, flag, fmt.Sprintf(format, args...)))
}

// failed records an error that already names its flag (a usage error).
func (p *settingsParser) failed(err error) {
	if err != nil {
		p.errs = append(p.errs, err)
	}
}

// err joins every recorded problem; nil when there is none.
func (p *settingsParser) err() error { return errors.Join(p.errs...) }

// str is the trimmed raw value of flag.
func (p *settingsParser) str(flag string) string { return p.cfg[flag] }

// list is the comma-separated value of flag, empty items dropped.
func (p *settingsParser) list(flag string) []string { return p.cfg.list(flag) }

// int reads flag as an integer in [lo, hi].
func (p *settingsParser) int(flag string, lo, hi int64) int64 {
	n, err := strconv.ParseInt(p.cfg[flag], 10, 64)
	if err != nil || n < lo || n > hi {
		p.fail(flag, "must be an integer from %d to %d (got %q)", lo, hi, p.cfg[flag])
		return 0
	}
	return n
}

// duration reads flag as a positive duration ("5s").
func (p *settingsParser) duration(flag string) time.Duration {
	d, err := time.ParseDuration(p.cfg[flag])
	if err != nil || d <= 0 {
		p.fail(flag, "must be a positive duration such as 5s (got %q)", p.cfg[flag])
		return 0
	}
	return d
}

// choice reads flag as one of choices, case-insensitively, and returns
// the choice's index (0 when the value is bad).
func (p *settingsParser) choice(flag string, choices ...string) int {
	v := strings.ToLower(p.cfg[flag])
	for i, c := range choices {
		if v == c {
			return i
		}
	}
	p.fail(flag, "must be %s (got %q)", strings.Join(choices, " or "), p.cfg[flag])
	return 0
}
