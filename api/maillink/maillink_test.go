package maillink

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

func TestNewTokenAndHash(t *testing.T) {
	tok, err := NewToken(bytes.NewReader(bytes.Repeat([]byte{7}, 24)))
	if err != nil || len(tok) != 32 {
		t.Fatalf("NewToken = %q, %v; want 32 characters", tok, err)
	}
	if _, err := NewToken(strings.NewReader("short")); err == nil {
		t.Error("NewToken with too little randomness succeeded")
	}
	if got := Hash("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("Hash = %s", got)
	}
}

func TestWithParam(t *testing.T) {
	tests := []struct{ cb, key, value, want string }{
		{"/done", "error", "INVALID_TOKEN", "https://app.example/done?error=INVALID_TOKEN"},
		{"https://other.example/x?a=1", "token", "t", "https://other.example/x?a=1&token=t"},
		{"/done?x=1", "", "", "https://app.example/done?x=1"},
		{"%zz", "error", "E", "https://app.example/?error=E"},
	}
	for _, tt := range tests {
		if got := WithParam("https://app.example", tt.cb, tt.key, tt.value); got != tt.want {
			t.Errorf("WithParam(%q) = %q, want %q", tt.cb, got, tt.want)
		}
	}
}

func TestPoolRefusesBeyondItsSlots(t *testing.T) {
	p := NewPool(1)
	release := make(chan struct{})
	var ran sync.WaitGroup
	ran.Add(1)
	if !p.Go(func() { ran.Done(); <-release }) {
		t.Fatal("first job refused")
	}
	ran.Wait()
	if p.Go(func() {}) {
		t.Error("second job accepted while the only slot is busy")
	}
	close(release)
	p.Wait()
	if !p.Go(func() {}) {
		t.Error("job refused after the slot was freed")
	}
	p.Wait()
}
