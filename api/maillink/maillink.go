// Package maillink holds what the emailed-link flows (password reset,
// email verification) share: drawing a link token, hashing it for the
// log, building the link's redirect on the configured base URL, and a
// bounded pool for work that must outlive the request that asked for it
// (so an answer's timing tells nothing about the account).
package maillink

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/url"
	"sync"
)

// NewToken returns 24 random bytes from r, base64url (32 characters).
// Emailed links use Secrets instead, whose tokens the outbox mailer can
// re-create; NewToken is for tokens that are never mailed later.
func NewToken(r io.Reader) (string, error) {
	b := make([]byte, 24)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// Hash returns the hex SHA-256 of a token: the only form the log keeps.
func Hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// WithParam resolves a relative callback against baseURL (an unparsable
// one becomes "/") and sets one query parameter.
func WithParam(baseURL, callback, key, value string) string {
	u, err := url.Parse(callback)
	if err != nil {
		u = &url.URL{Path: "/"}
	}
	if !u.IsAbs() {
		if base, err := url.Parse(baseURL); err == nil {
			u.Scheme, u.Host = base.Scheme, base.Host
		}
	}
	if key == "" {
		return u.String()
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

// Pool runs at most a fixed number of background jobs at once; beyond
// that a job is refused, never queued, so a flood cannot pile up
// goroutines.
type Pool struct {
	slots   chan struct{}
	working sync.WaitGroup
}

// NewPool returns a pool of n slots.
func NewPool(n int) *Pool { return &Pool{slots: make(chan struct{}, n)} }

// Go runs job in the background if a slot is free and reports whether it
// did.
func (p *Pool) Go(job func()) bool {
	select {
	case p.slots <- struct{}{}:
	default:
		return false
	}
	p.working.Add(1)
	go func() {
		defer p.working.Done()
		defer func() { <-p.slots }()
		job()
	}()
	return true
}

// Wait blocks until every accepted job has finished.
func (p *Pool) Wait() { p.working.Wait() }
