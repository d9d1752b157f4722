// Package mail sends the few messages authledger emails (password-reset
// links) through a Sender: SMTP in production (net/smtp), a Recorder or the
// mailtest sink in tests. Messages are plain text; header values are
// checked so no CR/LF can inject headers.
package mail

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// Message is one plain-text email.
type Message struct {
	To      string
	Subject string
	Text    string
	// MessageID, when set, is the Message-ID header ("<id@host>"): the
	// outbox derives it from the event, so a message sent again after a
	// crash carries the same one and the receiver can tell the repeat.
	MessageID string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// ErrInvalidMessage is returned for a message with an empty or unsafe
// recipient or subject.
var ErrInvalidMessage = errors.New("mail: invalid message")

// Validate rejects empty recipients and CR, LF or NUL in header values.
func (m Message) Validate() error {
	if m.To == "" || !strings.Contains(m.To, "@") {
		return fmt.Errorf("%w: recipient", ErrInvalidMessage)
	}
	for _, v := range []string{m.To, m.Subject, m.MessageID} {
		if strings.ContainsAny(v, "\r\n\x00") {
			return fmt.Errorf("%w: control character in header", ErrInvalidMessage)
		}
	}
	return nil
}

// Recorder is a Sender that keeps messages in memory (tests, examples).
type Recorder struct {
	mu   sync.Mutex
	msgs []Message
}

// Send implements Sender.
func (r *Recorder) Send(_ context.Context, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	return nil
}

// Messages returns a copy of the messages sent so far.
func (r *Recorder) Messages() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Message(nil), r.msgs...)
}
