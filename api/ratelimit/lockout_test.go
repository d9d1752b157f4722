package ratelimit

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// TestItem16 : N consecutive failures lock the account whatever IP they
// come from (the lockout has no IP at all); a success resets the count.
func TestItem16(t *testing.T) {
	l := &Lockout{Threshold: 5, Window: 15 * time.Minute}
	acct := "person-BPTDrylrpaFw1RFuyYHDLEQxyTn1gTog"
	for i := range 4 {
		l.Fail(acct, t0.Add(time.Duration(i)*time.Minute)) // from 4 different IPs, say
		if locked, _ := l.Locked(acct, t0.Add(time.Duration(i)*time.Minute)); locked {
			t.Fatalf("locked after %d failures", i+1)
		}
	}
	l.Fail(acct, t0.Add(4*time.Minute))
	locked, left := l.Locked(acct, t0.Add(5*time.Minute))
	if !locked || left != 14*time.Minute {
		t.Errorf("after 5 failures: locked %v for %v; want true, 14m", locked, left)
	}
	if locked, _ := l.Locked("person-other", t0); locked {
		t.Error("another account is locked")
	}
	if locked, _ := l.Locked(acct, t0.Add(19*time.Minute)); locked {
		t.Error("still locked after the window")
	}
	l.Reset(acct)
	l.Fail(acct, t0.Add(20*time.Minute))
	if locked, _ := l.Locked(acct, t0.Add(20*time.Minute)); locked {
		t.Error("Reset did not clear the count")
	}
}

func TestLockoutForgetsOldFailures(t *testing.T) {
	var l Lockout // defaults: 10 per 15 min
	for i := range 20 {
		l.Fail("a", t0.Add(time.Duration(i)*16*time.Minute))
	}
	if locked, _ := l.Locked("a", t0.Add(20*16*time.Minute)); locked {
		t.Error("failures spaced beyond the window accumulated")
	}
	for i := range DefaultLockoutThreshold {
		l.Fail("b", t0.Add(time.Duration(i)*time.Second))
	}
	if locked, left := l.Locked("b", t0.Add(10*time.Second)); !locked || left != DefaultLockoutWindow-time.Second {
		t.Errorf("default policy: locked %v for %v", locked, left)
	}
}

func TestLockoutConcurrent(t *testing.T) {
	l := &Lockout{Threshold: 100, Window: time.Hour}
	var wg sync.WaitGroup
	for g := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				l.Fail("shared", t0)
				l.Locked(fmt.Sprint("acct-", g), t0)
			}
		}()
	}
	wg.Wait()
	if locked, _ := l.Locked("shared", t0); !locked {
		t.Error("100 concurrent failures did not lock")
	}
}
