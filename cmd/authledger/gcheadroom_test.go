package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestGCPercent(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		name           string
		live, headroom uint64
		want           int
	}{
		{"small live heap: the headroom", 8 * mib, 64 * mib, 800},
		{"live heap as large as the headroom: GOGC's 100", 64 * mib, 64 * mib, 100},
		{"live heap larger: never below 100", 500 * mib, 64 * mib, 100},
		{"tiny live heap: capped", 1024, 64 * mib, 10_000},
		{"nothing live yet: capped", 0, 64 * mib, 10_000},
		{"between", 40 * mib, 64 * mib, 160},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := gcPercent(c.live, c.headroom); got != c.want {
				t.Fatalf("gcPercent(%d, %d) = %d, want %d", c.live, c.headroom, got, c.want)
			}
		})
	}
}

func TestWorthSetting(t *testing.T) {
	for _, c := range []struct {
		last, next int
		want       bool
	}{
		{800, 800, false},
		{800, 850, false}, // within an eighth
		{800, 901, true},
		{800, 699, true},
		{100, 112, false},
		{100, 113, true},
	} {
		if got := worthSetting(c.last, c.next); got != c.want {
			t.Errorf("worthSetting(%d, %d) = %v, want %v", c.last, c.next, got, c.want)
		}
	}
}

// currentGCPercent reads the collector's percentage.
func currentGCPercent() int {
	return int(readMetric("/gc/gogc:percent"))
}

func readMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestHeapHeadroomFollowsCycles runs the tuner for real: after a
// collection the percentage is the one gcPercent gives for the measured
// live heap, and stop restores GOGC's default.
func TestHeapHeadroomFollowsCycles(t *testing.T) {
	defer debug.SetGCPercent(currentGCPercent())
	debug.SetGCPercent(100)
	const headroom = 256 << 20 // far above this test binary's live heap
	stop := heapHeadroom(headroom, func(string) string { return "" })
	if !tuning.Load() {
		stop()
		t.Fatal("the tuner did not start")
	}
	// A second server in the process leaves the percentage to the first.
	heapHeadroom(headroom, func(string) string { return "" })()
	deadline := time.Now().Add(10 * time.Second)
	for currentGCPercent() <= 100 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if p := currentGCPercent(); p <= 100 {
		stop()
		t.Fatalf("after collections the percentage is %d, want above 100 for a small live heap", p)
	}
	runtime.GC()
	time.Sleep(20 * time.Millisecond) // the cleanup runs after the cycle
	live := readMetric("/gc/heap/live:bytes")
	if p, want := currentGCPercent(), gcPercent(live, headroom); p < want*7/8 || p > want*9/8 {
		t.Errorf("percentage %d, want about %d for %d live bytes", p, want, live)
	}
	stop()
	if p := currentGCPercent(); p != 100 {
		t.Fatalf("after stop the percentage is %d, want 100", p)
	}
	if tuning.Load() {
		t.Fatal("the tuner still marked as running after stop")
	}
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	if p := currentGCPercent(); p != 100 {
		t.Fatalf("a cleanup after stop set the percentage to %d", p)
	}
}

// TestHeapHeadroomLeavesOperatorsGOGC: GOGC in the environment, or a
// headroom of 0, turns the tuner off.
func TestHeapHeadroomLeavesOperatorsGOGC(t *testing.T) {
	defer debug.SetGCPercent(currentGCPercent())
	debug.SetGCPercent(100)
	for name, getenv := range map[string]func(string) string{
		"GOGC set": func(k string) string {
			if k == "GOGC" {
				return "200"
			}
			return ""
		},
	} {
		stop := heapHeadroom(64<<20, getenv)
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
		if p := currentGCPercent(); p != 100 || tuning.Load() {
			t.Errorf("%s: percentage %d, tuner running %v", name, p, tuning.Load())
		}
		stop()
	}
	stop := heapHeadroom(0, func(string) string { return "" })
	defer stop()
	if tuning.Load() {
		t.Fatal("headroom 0 started the tuner")
	}
}
