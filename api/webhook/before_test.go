package webhook

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/hooks"
	"github.com/authledger/authledger/api/webhook/sign"
)

const testSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

// receiver is a hook endpoint that verifies each message's signature and
// answers with answer(message).
func receiver(t *testing.T, answer func(w http.ResponseWriter, m message)) *httptest.Server {
	t.Helper()
	secret, _ := sign.ParseSecret(testSecret)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := secret.Verify(r.Header.Get(sign.HeaderID), r.Header.Get(sign.HeaderTimestamp),
			r.Header.Get(sign.HeaderSignature), body, time.Now()); err != nil {
			t.Errorf("receiver: %v", err)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			t.Errorf("receiver: %v", err)
		}
		answer(w, m)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func hookFor(t *testing.T, url string, timeout time.Duration) *BeforeHook {
	t.Helper()
	secret, _ := sign.ParseSecret(testSecret)
	c, err := New(Config{URL: url, Secret: secret, Timeout: timeout, AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	return NewBeforeHook(c)
}

func TestBeforeHookAnswers(t *testing.T) {
	tests := []struct {
		name    string
		answer  func(w http.ResponseWriter, m message)
		want    hooks.Decision
		wantErr bool
	}{
		{"allow", func(w http.ResponseWriter, _ message) { _, _ = io.WriteString(w, `{"allow":true}`) },
			hooks.Decision{Allow: true}, false},
		{"refuse", func(w http.ResponseWriter, _ message) {
			_, _ = io.WriteString(w, `{"allow":false,"status":400,"code":"DOMAIN_BLOCKED","message":"No."}`)
		}, hooks.Decision{Status: 400, Code: "DOMAIN_BLOCKED", Message: "No."}, false},
		{"fields", func(w http.ResponseWriter, _ message) {
			_, _ = io.WriteString(w, `{"allow":true,"fields":{"plan":"pro"}}`)
		}, hooks.Decision{Allow: true, Fields: map[string]any{"plan": "pro"}}, false},
		{"5xx", func(w http.ResponseWriter, _ message) { w.WriteHeader(http.StatusBadGateway) }, hooks.Decision{}, true},
		{"redirect not followed", func(w http.ResponseWriter, _ message) {
			w.Header().Set("Location", "http://169.254.169.254/")
			w.WriteHeader(http.StatusTemporaryRedirect)
		}, hooks.Decision{}, true},
		{"no allow", func(w http.ResponseWriter, _ message) { _, _ = io.WriteString(w, `{"message":"hi"}`) },
			hooks.Decision{}, true},
		{"garbage", func(w http.ResponseWriter, _ message) { _, _ = io.WriteString(w, `<html>`) }, hooks.Decision{}, true},
		{"huge", func(w http.ResponseWriter, _ message) {
			_, _ = io.WriteString(w, `{"allow":true,"message":"`+strings.Repeat("x", DefaultMaxResponse)+`"}`)
		}, hooks.Decision{}, true},
		{"timeout", nil, hooks.Decision{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answer := tt.answer
			if answer == nil { // never answers until the test ends
				block := make(chan struct{})
				answer = func(http.ResponseWriter, message) { <-block }
				defer close(block)
			}
			srv := receiver(t, answer)
			got, err := hookFor(t, srv.URL, 300*time.Millisecond).Check(context.Background(),
				hooks.Request{Kind: hooks.SignUp, Email: "ann@example.com"})
			if (err != nil) != tt.wantErr {
				t.Fatalf("Check err = %v, want error %v", err, tt.wantErr)
			}
			if tt.want.Fields == nil && got.Fields != nil || tt.want.Allow != got.Allow || tt.want.Code != got.Code ||
				tt.want.Message != got.Message || tt.want.Status != got.Status || len(got.Fields) != len(tt.want.Fields) {
				t.Fatalf("Check = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestBeforeHookMessage: the endpoint receives the Standard Webhooks
// payload shape with the request as data.
func TestBeforeHookMessage(t *testing.T) {
	var got message
	srv := receiver(t, func(w http.ResponseWriter, m message) {
		got = m
		_, _ = io.WriteString(w, `{"allow":true}`)
	})
	req := hooks.Request{Kind: hooks.OrganizationCreate, UserID: "P1", Email: "ann@example.com",
		Organization: &hooks.Organization{Name: "Acme", Slug: "acme"}}
	if _, err := hookFor(t, srv.URL, time.Second).Check(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if got.Type != "before.organization.create" || got.Data.UserID != "P1" || got.Data.Organization.Slug != "acme" ||
		time.Since(got.Timestamp) > time.Minute {
		t.Fatalf("message = %+v", got)
	}
}

func TestStatusError(t *testing.T) {
	srv := receiver(t, func(w http.ResponseWriter, _ message) { w.WriteHeader(http.StatusTeapot) })
	_, err := hookFor(t, srv.URL, time.Second).client.Post(context.Background(), []byte(`{}`))
	var se *StatusError
	if !errors.As(err, &se) || se.Status != http.StatusTeapot {
		t.Fatalf("Post = %v, want StatusError 418", err)
	}
}
