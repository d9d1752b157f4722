package mail_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/mail/mailtest"
)

func TestSMTPSendToSink(t *testing.T) {
	sink := mailtest.Start(t)
	s := mail.SMTP{Host: "127.0.0.1", Port: sink.Port(), From: "noreply@example.com"}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m := mail.Message{To: "alice@example.com", Subject: "Réinitialiser", Text: "line one\n.dot line\nhttp://x/y",
		MessageID: "<0190-ab@auth.example.com>"}
	if err := s.Send(ctx, m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := sink.Wait(1, 5*time.Second)
	if len(got) != 1 {
		t.Fatalf("got %d messages, want 1", len(got))
	}
	if got[0].From != "noreply@example.com" || len(got[0].To) != 1 || got[0].To[0] != "alice@example.com" {
		t.Errorf("got envelope %q -> %q", got[0].From, got[0].To)
	}
	for _, want := range []string{"To: alice@example.com\r\n", "Message-ID: <0190-ab@auth.example.com>\r\n", "Subject: =?utf-8?q?R=C3=A9initialiser?=", "\r\n.dot line\r\n", "http://x/y"} {
		if !strings.Contains(got[0].Data, want) {
			t.Errorf("got data %q, want it to contain %q", got[0].Data, want)
		}
	}
}

func TestSendRejectsHeaderInjection(t *testing.T) {
	tests := []struct {
		name string
		m    mail.Message
	}{
		{"crlf in to", mail.Message{To: "a@example.com\r\nBcc: x@evil.test", Subject: "s"}},
		{"lf in subject", mail.Message{To: "a@example.com", Subject: "s\nBcc: x@evil.test"}},
		{"empty to", mail.Message{Subject: "s"}},
		{"crlf in message id", mail.Message{To: "a@example.com", Subject: "s", MessageID: "<x@y>\r\nBcc: x@evil.test"}},
	}
	var rec mail.Recorder
	s := mail.SMTP{Host: "127.0.0.1", Port: 1, From: "n@example.com"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := rec.Send(context.Background(), tt.m); !errors.Is(err, mail.ErrInvalidMessage) {
				t.Errorf("Recorder: got %v, want ErrInvalidMessage", err)
			}
			if err := s.Send(context.Background(), tt.m); !errors.Is(err, mail.ErrInvalidMessage) {
				t.Errorf("SMTP: got %v, want ErrInvalidMessage", err)
			}
		})
	}
	if got := len(rec.Messages()); got != 0 {
		t.Errorf("got %d recorded, want 0", got)
	}
}

func TestSendUnreachable(t *testing.T) {
	sink := mailtest.Start(t)
	port := sink.Port()
	s := mail.SMTP{Host: "127.0.0.1", Port: port, From: "n@example.com"}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Send(ctx, mail.Message{To: "a@example.com", Subject: "s"}); err == nil {
		t.Fatal("got nil error with a cancelled context, want one")
	}
}

func TestParseURL(t *testing.T) {
	tests := []struct {
		raw     string
		want    mail.SMTP
		wantErr bool
	}{
		{"smtp://mail.example.com:587?from=noreply@example.com", mail.SMTP{Host: "mail.example.com", Port: 587, From: "noreply@example.com"}, false},
		{"smtp://u:p%40ss@mail.example.com?from=n@example.com", mail.SMTP{Host: "mail.example.com", Port: 25, From: "n@example.com", Username: "u", Password: "p@ss"}, false},
		{"smtp://[::1]:2525?from=n@example.com", mail.SMTP{Host: "::1", Port: 2525, From: "n@example.com"}, false},
		{"http://mail.example.com?from=n@example.com", mail.SMTP{}, true},
		{"smtp://mail.example.com", mail.SMTP{}, true},
		{"smtp://mail.example.com:0?from=n@example.com", mail.SMTP{}, true},
		{"smtp://mail.example.com:99999?from=n@example.com", mail.SMTP{}, true},
		{"smtp://mail.example.com?from=Name%20%3Cn@example.com%3E", mail.SMTP{}, true},
		{"smtp://mail.example.com?from=n@example.com%0D%0ABcc:x@evil.test", mail.SMTP{}, true},
		{"smtp:///?from=n@example.com", mail.SMTP{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, err := mail.ParseURL(tt.raw)
			if tt.wantErr {
				if !errors.Is(err, mail.ErrInvalidURL) {
					t.Fatalf("got %v, want ErrInvalidURL", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %+v, %v, want %+v", got, err, tt.want)
			}
		})
	}
}

func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"smtp://h:25?from=a@b.c", "smtp://u:p@h?from=a@b.c", "smtp://h?from=a@b.c%0D%0A", "smtp://[::1]:1?from=x@y", "::"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		s, err := mail.ParseURL(raw)
		if err != nil {
			if !errors.Is(err, mail.ErrInvalidURL) {
				t.Fatalf("got %v, want ErrInvalidURL", err)
			}
			return
		}
		if s.Host == "" || s.Port < 1 || s.Port > 65535 || strings.ContainsAny(s.From, "\r\n") {
			t.Fatalf("accepted %q as %+v", raw, s)
		}
	})
}

func ExampleRecorder() {
	var r mail.Recorder
	_ = r.Send(context.Background(), mail.Message{To: "alice@example.com", Subject: "Reset your password", Text: "…"})
	fmt.Println(len(r.Messages()), r.Messages()[0].To)
	// Output: 1 alice@example.com
}

// TestSendToARefusingServer: a server answering 421 fails the send; once
// it accepts again the same message goes through.
func TestSendToARefusingServer(t *testing.T) {
	sink := mailtest.Start(t)
	sink.FailNext(2)
	s := mail.SMTP{Host: "127.0.0.1", Port: sink.Port(), From: "n@example.com"}
	m := mail.Message{To: "a@example.com", Subject: "s", Text: "t"}
	ctx := context.Background()
	for i := range 2 {
		if err := s.Send(ctx, m); err == nil {
			t.Fatalf("send %d to a refusing server succeeded", i)
		}
	}
	if err := s.Send(ctx, m); err != nil {
		t.Fatalf("send after the refusals: %v", err)
	}
	if got := len(sink.Wait(1, 5*time.Second)); got != 1 || sink.Refused() != 2 {
		t.Errorf("got %d messages and %d refusals, want 1 and 2", got, sink.Refused())
	}
}
