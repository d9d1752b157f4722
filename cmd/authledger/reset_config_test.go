package main

import (
	"errors"
	"strings"
	"testing"
)

func TestResetConfigFromSMTPURL(t *testing.T) {
	tests := []struct {
		raw        string
		wantMailer bool
		wantErr    bool
	}{
		{"", false, false},
		{"smtp://mail.example.com:587?from=noreply@example.com", true, false},
		{"smtp://u:s3cret@mail.example.com?from=bad", false, true},
		{"http://mail.example.com?from=noreply@example.com", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, err := parseMailer(tt.raw)
			if tt.wantErr {
				if !errors.Is(err, errUsage) || strings.Contains(err.Error(), "s3cret") {
					t.Fatalf("got %v, want a usage error without the password", err)
				}
				return
			}
			if err != nil || (got != nil) != tt.wantMailer {
				t.Fatalf("got %+v, %v, want mailer %v", got, err, tt.wantMailer)
			}
		})
	}
}
