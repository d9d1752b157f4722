package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"math"
	"strings"
	"sync"
	"testing"
	"time"
)

// bothLines logs r through flatJSON and through slog.JSONHandler and
// returns both outputs.
func bothLines(t testing.TB, r slog.Record) (flat, std string) {
	var a, b bytes.Buffer
	if err := newFlatJSON(&a, slog.LevelDebug).Handle(context.Background(), r.Clone()); err != nil {
		t.Fatal(err)
	}
	if err := slog.NewJSONHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug}).Handle(context.Background(), r.Clone()); err != nil {
		t.Fatal(err)
	}
	return a.String(), b.String()
}

func record(at time.Time, level slog.Level, msg string, attrs ...slog.Attr) slog.Record {
	r := slog.NewRecord(at, level, msg, 0)
	r.AddAttrs(attrs...)
	return r
}

// TestFlatJSONMatchesSlog: every record, written by flatJSON or handed on
// to the library, comes out exactly as slog.JSONHandler writes it.
func TestFlatJSONMatchesSlog(t *testing.T) {
	at := time.Date(2026, 12, 7, 9, 11, 12, 125802783, time.UTC)
	local := time.Date(2026, 6, 1, 1, 2, 3, 4000, time.FixedZone("X", 5*3600+1800))
	for _, c := range []struct {
		name string
		r    slog.Record
	}{
		{"access line", record(time.Now(), slog.LevelInfo, "request", slog.String("method", "GET"), slog.String("route", "/api/auth/get-session"),
			slog.Int("status", 200), slog.Float64("latency_ms", 0.147), slog.String("request_id", "g6wFNaWGSYvnDbgtOU6C7ECaaaaadfjF"))},
		{"no time", record(time.Time{}, slog.LevelWarn, "w")},
		{"time zone and whole seconds", record(local, slog.LevelError, "e")},
		{"time on the second", record(at.Truncate(time.Second), slog.LevelInfo, "s")},
		{"year out of range", record(time.Date(10001, 1, 1, 0, 0, 0, 0, time.UTC), slog.LevelInfo, "far")},
		{"custom level", record(at, slog.LevelInfo+2, "between")},
		{"debug", record(at, slog.LevelDebug-1, "lower")},
		{"escapes", record(at, slog.LevelInfo, "a \"quoted\"\\ line\n\r\t\x00\x1f <b>&amp;</b> \u2028\u2029 é 😀 \xff\xfe end",
			slog.String("k\"ey\n", "v\x7f<>&"), slog.String("", "empty key"))},
		{"numbers", record(at, slog.LevelInfo, "n", slog.Int64("min", math.MinInt64), slog.Uint64("max", math.MaxUint64),
			slog.Float64("zero", 0), slog.Float64("negzero", math.Copysign(0, -1)), slog.Float64("tiny", 1e-7), slog.Float64("small", 0.000001),
			slog.Float64("big", 1e21), slog.Float64("under", 999999999999999999999.0), slog.Float64("neg", -2.5e-9), slog.Float64("third", 1.0/3),
			slog.Float64("e100", 1e100), slog.Float64("e-100", -1e-100))},
		{"bools and durations", record(at, slog.LevelInfo, "b", slog.Bool("t", true), slog.Bool("f", false),
			slog.Duration("d", 1500*time.Millisecond), slog.Duration("neg", -time.Nanosecond))},
		{"NaN: the library's error text", record(at, slog.LevelInfo, "nan", slog.Float64("x", math.NaN()))},
		{"infinity", record(at, slog.LevelInfo, "inf", slog.Float64("x", math.Inf(-1)))},
		{"group", record(at, slog.LevelInfo, "g", slog.Group("req", slog.String("a", "b")), slog.String("after", "x"))},
		{"inline group", record(at, slog.LevelInfo, "g", slog.Group("", slog.String("a", "b")))},
		{"empty attribute", record(at, slog.LevelInfo, "e", slog.Attr{}, slog.String("x", "y"))},
		{"error value", record(at, slog.LevelInfo, "err", slog.Any("err", errors.New("boom <x>")))},
		{"any value", record(at, slog.LevelInfo, "any", slog.Any("v", map[string]int{"a": 1}))},
		{"time value", record(at, slog.LevelInfo, "t", slog.Time("at", local))},
		{"log valuer", record(at, slog.LevelInfo, "lv", slog.Any("v", valuer{}))},
	} {
		t.Run(c.name, func(t *testing.T) {
			flat, std := bothLines(t, c.r)
			if flat != std {
				t.Fatalf("flatJSON wrote\n%s\nslog.JSONHandler writes\n%s", flat, std)
			}
		})
	}
}

type valuer struct{}

func (valuer) LogValue() slog.Value { return slog.StringValue("resolved") }

// TestFlatJSONDerivedLoggers: With and WithGroup go to the library's
// handler, writing to the same writer.
func TestFlatJSONDerivedLoggers(t *testing.T) {
	var a, b bytes.Buffer
	flat := slog.New(newFlatJSON(&a, slog.LevelInfo))
	std := slog.New(slog.NewJSONHandler(&b, &slog.HandlerOptions{Level: slog.LevelInfo}))
	for _, l := range []*slog.Logger{flat, std} {
		l.With("node", "n1").WithGroup("g").Info("hello", "k", 1)
		l.Debug("below the level")
	}
	strip := func(s string) string { // the times differ
		return s[strings.Index(s, `"level"`):]
	}
	if strip(a.String()) != strip(b.String()) {
		t.Fatalf("flat %s\nstd  %s", a.String(), b.String())
	}
}

// TestFlatJSONWholeLines: concurrent records from both paths never
// interleave within a line.
func TestFlatJSONWholeLines(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(newFlatJSON(&buf, slog.LevelInfo))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				if i%2 == 0 {
					l.Info("flat", "i", i, "pad", strings.Repeat("x", 300))
				} else {
					l.Info("group", slog.Group("g", "i", i), "pad", strings.Repeat("y", 300))
				}
			}
		}()
	}
	wg.Wait()
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 1600 {
		t.Fatalf("%d lines, want 1600", len(lines))
	}
	for _, line := range lines {
		if !strings.HasPrefix(line, `{"time":`) || !strings.HasSuffix(line, `}`) || strings.Count(line, `"time"`) != 1 {
			t.Fatalf("torn line %q", line)
		}
	}
}

// FuzzFlatJSONMatchesSlog is the trust boundary of log lines: messages
// and values come from requests (routes, ids, errors).
func FuzzFlatJSONMatchesSlog(f *testing.F) {
	f.Add("request", "route", "/api/auth/get-session", int64(200), 0.147, true, int64(1234567))
	f.Add("\x00\xff\u2028\"\\", "", "<&>", int64(-1), 1e-7, false, int64(0))
	f.Add("é😀", "k\n", "\xed\xa0\x80", int64(math.MaxInt64), 1e21, true, int64(-5))
	f.Fuzz(func(t *testing.T, msg, key, val string, n int64, fl float64, b bool, nanos int64) {
		at := time.Unix(0, nanos).UTC()
		r := record(at, slog.Level(n%16), msg, slog.String(key, val), slog.Int64(val, n), slog.Float64(key, fl),
			slog.Bool("b", b), slog.Duration("d", time.Duration(nanos)))
		flat, std := bothLines(t, r)
		if flat != std {
			t.Fatalf("flatJSON wrote\n%q\nslog.JSONHandler writes\n%q", flat, std)
		}
	})
}

// BenchmarkAccessLine is one access line through flatJSON and through
// slog.JSONHandler.
func BenchmarkAccessLine(b *testing.B) {
	r := record(time.Now(), slog.LevelInfo, "request", slog.String("method", "GET"), slog.String("route", "/api/auth/get-session"),
		slog.Int("status", 200), slog.Float64("latency_ms", 0.147), slog.String("request_id", "g6wFNaWGSYvnDbgtOU6C7ECaaaaadfjF"))
	for name, h := range map[string]slog.Handler{"flat": newFlatJSON(discard{}, slog.LevelInfo),
		"slog": slog.NewJSONHandler(discard{}, &slog.HandlerOptions{Level: slog.LevelInfo})} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = h.Handle(context.Background(), r)
			}
		})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
