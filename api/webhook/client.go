package webhook

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"time"

	"github.com/authledger/authledger/api/webhook/sign"
)

// Defaults of Config.
const (
	DefaultTimeout     = 2 * time.Second
	DefaultMaxResponse = 64 << 10
)

// Config is one endpoint.
type Config struct {
	// URL is the endpoint: http or https, no user information.
	URL string
	// Secret signs every message.
	Secret sign.Secret
	// Timeout bounds one whole exchange, connection to last byte
	// (default 2 s).
	Timeout time.Duration
	// AllowPrivate lets the endpoint be on loopback or a private network
	// (a sidecar, tests). Off, such addresses are refused at connect time.
	AllowPrivate bool
	// MaxResponse bounds the answer's body (default 64 KiB); a longer one
	// is an error.
	MaxResponse int64
	// Now is the clock of the signatures' timestamps (default time.Now).
	Now func() time.Time
}

// CheckURL reports whether raw is a usable endpoint URL.
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return errors.New("webhook: the URL does not parse")
	case u.Scheme != "http" && u.Scheme != "https":
		return errors.New("webhook: the URL must be http or https")
	case u.Host == "" || u.Hostname() == "":
		return errors.New("webhook: the URL has no host")
	case u.User != nil:
		return errors.New("webhook: the URL must not carry user information")
	case u.Fragment != "":
		return errors.New("webhook: the URL must not have a fragment")
	}
	return nil
}

// Client posts signed JSON to one endpoint. Safe for concurrent use.
type Client struct {
	cfg  Config
	http *http.Client
}

// New returns the client of cfg.
func New(cfg Config) (*Client, error) {
	if err := CheckURL(cfg.URL); err != nil {
		return nil, err
	}
	if cfg.Secret.IsZero() {
		return nil, sign.ErrSecret
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxResponse <= 0 {
		cfg.MaxResponse = DefaultMaxResponse
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	tr := &http.Transport{
		Proxy:               nil, // a proxy would connect on our behalf, past the address check
		DialContext:         dialer(cfg.Timeout, cfg.AllowPrivate).DialContext,
		ForceAttemptHTTP2:   true,
		MaxIdleConnsPerHost: 16,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: cfg.Timeout,
	}
	return &Client{cfg: cfg, http: &http.Client{Transport: tr, Timeout: cfg.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}, nil
}

// StatusError is a non-2xx answer.
type StatusError struct{ Status int }

// Error implements error.
func (e *StatusError) Error() string {
	return fmt.Sprintf("webhook: the endpoint answered %d", e.Status)
}

// ErrTooLarge is an answer longer than MaxResponse.
var ErrTooLarge = errors.New("webhook: the answer is too large")

// Post sends body (JSON) signed under a fresh message id and returns the
// 2xx answer's body. A non-2xx status (redirects included) is a
// *StatusError; the exchange is bounded by the timeout and by ctx.
func (c *Client) Post(ctx context.Context, body []byte) ([]byte, error) {
	id, err := messageID()
	if err != nil {
		return nil, err
	}
	out, _, err := c.post(ctx, id, body)
	return out, err
}

// post sends body signed under id; it returns the 2xx answer's body and
// the status (0 without an answer).
func (c *Client) post(ctx context.Context, id string, body []byte) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.URL, bytes.NewReader(body))
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "authledger-webhook/1")
	for k, v := range c.cfg.Secret.Headers(id, c.cfg.Now(), body) {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(io.LimitReader(resp.Body, c.cfg.MaxResponse+1))
	if err != nil {
		return nil, resp.StatusCode, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, resp.StatusCode, &StatusError{Status: resp.StatusCode}
	}
	if int64(len(out)) > c.cfg.MaxResponse {
		return nil, resp.StatusCode, ErrTooLarge
	}
	return out, resp.StatusCode, nil
}

// messageID is a fresh webhook-id: "msg_" and 16 random bytes in hex.
func messageID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "msg_" + hex.EncodeToString(b), nil
}

// Send posts body signed under message id msgID (the event's id, so a
// receiver deduplicates repeats) and returns the receiver's status (0
// when there was no answer); a non-2xx status is a *StatusError.
func (c *Client) Send(ctx context.Context, msgID string, body []byte) (int, error) {
	_, status, err := c.post(ctx, msgID, body)
	return status, err
}

// CheckEndpoint refuses a URL that does not parse, or whose host is or
// resolves to a forbidden address (see Forbidden) unless allowPrivate.
// The dialer checks again at connect time: a name may resolve
// differently later (DNS rebinding).
func CheckEndpoint(ctx context.Context, raw string, allowPrivate bool) error {
	if err := CheckURL(raw); err != nil {
		return err
	}
	if allowPrivate {
		return nil
	}
	u, _ := url.Parse(raw)
	host := u.Hostname()
	if ip, err := netip.ParseAddr(host); err == nil {
		if Forbidden(ip) {
			return fmt.Errorf("%w: %s", ErrForbiddenAddress, ip)
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, DefaultTimeout)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil // not resolvable now: the connect-time check decides
	}
	for _, a := range addrs {
		if Forbidden(a) {
			return fmt.Errorf("%w: %s resolves to %s", ErrForbiddenAddress, host, a.Unmap())
		}
	}
	return nil
}
