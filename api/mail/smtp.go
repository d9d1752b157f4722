package mail

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// SMTP sends messages through an SMTP relay with net/smtp: STARTTLS when
// the server offers it, PLAIN auth when a username is set (net/smtp only
// sends credentials over TLS or to localhost).
type SMTP struct {
	Host     string
	Port     int
	From     string // envelope and header sender
	Username string
	Password string
}

// ErrInvalidURL is returned by ParseURL.
var ErrInvalidURL = fmt.Errorf("mail: invalid SMTP URL")

// ParseURL reads "smtp://[user:pass@]host[:port]?from=noreply@example.com"
// (port defaults to 25).
func ParseURL(raw string) (SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "smtp" || u.Hostname() == "" || u.Path != "" && u.Path != "/" {
		return SMTP{}, fmt.Errorf("%w: want smtp://host:port?from=address", ErrInvalidURL)
	}
	s := SMTP{Host: u.Hostname(), Port: 25, From: u.Query().Get("from")}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return SMTP{}, fmt.Errorf("%w: port", ErrInvalidURL)
		}
		s.Port = n
	}
	if a, err := mail.ParseAddress(s.From); err != nil || a.Name != "" || strings.ContainsAny(s.From, "\r\n") {
		return SMTP{}, fmt.Errorf("%w: from must be a bare address", ErrInvalidURL)
	}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	return s, nil
}

// Send implements Sender. The context bounds the whole exchange.
func (s SMTP) Send(ctx context.Context, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	addr := net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("mail: dial: %w", err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		return fmt.Errorf("mail: greeting: %w", err)
	}
	defer c.Close()
	if err := s.session(c, m); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	return c.Quit()
}

func (s SMTP) session(c *smtp.Client, m Message) error {
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(nil); err != nil { // nil config: verify against Host
			return err
		}
	}
	if s.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", s.Username, s.Password, s.Host)); err != nil {
			return err
		}
	}
	if err := c.Mail(s.From); err != nil {
		return err
	}
	if err := c.Rcpt(m.To); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(s.render(m)); err != nil {
		return err
	}
	return w.Close()
}

// render builds the RFC 5322 message; the subject is Q-encoded when needed.
func (s SMTP) render(m Message) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\n", s.From, m.To)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", m.Subject))
	fmt.Fprintf(&b, "Date: %s\r\n", time.Now().UTC().Format(time.RFC1123Z))
	if m.MessageID != "" {
		fmt.Fprintf(&b, "Message-ID: %s\r\n", m.MessageID)
	}
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.WriteString(strings.ReplaceAll(strings.ReplaceAll(m.Text, "\r\n", "\n"), "\n", "\r\n"))
	b.WriteString("\r\n")
	return b.Bytes()
}
