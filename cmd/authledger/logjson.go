package main

import (
	"context"
	"io"
	"log/slog"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/authledger/authledger/api/jsonstr"
)

// flatJSON is a slog.Handler that writes, byte for byte, what
// slog.JSONHandler writes, for the records every request logs: no groups,
// no attributes added with WithAttrs, values that are strings, integers,
// finite floats, booleans or durations. It writes those itself and hands
// any other record to the JSONHandler it wraps. The JSONHandler spent most
// of an access line's cost in generic machinery (a handler state, a key
// prefix, json.Marshal for every float); this is the access log's
// encoder, and FuzzFlatJSONMatchesSlog holds it to the library's output.
type flatJSON struct {
	std   slog.Handler
	level slog.Leveler
	w     *lockedWriter
	lines sync.Pool // of *[]byte, a line's buffer
}

// lockedWriter serializes whole lines from both handlers: slog's own lock
// covers only its own writes.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// newFlatJSON returns the handler of JSON lines at level and above to w.
func newFlatJSON(w io.Writer, level slog.Leveler) *flatJSON {
	lw := &lockedWriter{w: w}
	return &flatJSON{std: slog.NewJSONHandler(lw, &slog.HandlerOptions{Level: level}), level: level, w: lw}
}

func (h *flatJSON) Enabled(_ context.Context, l slog.Level) bool { return l >= h.level.Level() }

// WithAttrs and WithGroup return the library's handler: records of a
// derived logger take its path.
func (h *flatJSON) WithAttrs(as []slog.Attr) slog.Handler { return h.std.WithAttrs(as) }
func (h *flatJSON) WithGroup(name string) slog.Handler    { return h.std.WithGroup(name) }

// Handle writes r as one line, or lets the library do it when r holds
// anything appendFlat does not write.
func (h *flatJSON) Handle(ctx context.Context, r slog.Record) error {
	bp, ok := h.lines.Get().(*[]byte)
	if !ok {
		b := make([]byte, 0, 512)
		bp = &b
	}
	defer h.lines.Put(bp)
	b, ok := appendFlat((*bp)[:0], r)
	if !ok {
		return h.std.Handle(ctx, r)
	}
	*bp = b
	_, err := h.w.Write(b)
	return err
}

// appendFlat appends r as slog.JSONHandler would (built-in keys time,
// level, msg, then the attributes), or reports false for a record with a
// value it leaves to the library.
func appendFlat(b []byte, r slog.Record) ([]byte, bool) {
	b = append(b, '{')
	if !r.Time.IsZero() {
		t := r.Time.Round(0) // as the library: no monotonic reading
		if y := t.Year(); y < 0 || y >= 10000 {
			return nil, false
		}
		b = append(b, `"time":"`...)
		b = t.AppendFormat(b, time.RFC3339Nano)
		b = append(b, `",`...)
	}
	b = append(b, `"level":`...)
	b = appendJSONString(b, r.Level.String())
	b = append(b, `,"msg":`...)
	b = appendJSONString(b, r.Message)
	ok := true
	r.Attrs(func(a slog.Attr) bool {
		b, ok = appendFlatAttr(b, a)
		return ok
	})
	if !ok {
		return nil, false
	}
	return append(b, '}', '\n'), true
}

// appendFlatAttr appends ,"key":value for the kinds flatJSON writes.
func appendFlatAttr(b []byte, a slog.Attr) ([]byte, bool) {
	v := a.Value
	if v.Kind() == slog.KindLogValuer || v.Kind() == slog.KindGroup || v.Kind() == slog.KindAny || v.Kind() == slog.KindTime {
		return nil, false // resolution, groups, and empty attributes: the library's rules
	}
	b = append(b, ',')
	b = appendJSONString(b, a.Key)
	b = append(b, ':')
	switch v.Kind() {
	case slog.KindString:
		return appendJSONString(b, v.String()), true
	case slog.KindInt64:
		return strconv.AppendInt(b, v.Int64(), 10), true
	case slog.KindUint64:
		return strconv.AppendUint(b, v.Uint64(), 10), true
	case slog.KindBool:
		return strconv.AppendBool(b, v.Bool()), true
	case slog.KindDuration:
		return strconv.AppendInt(b, int64(v.Duration()), 10), true
	case slog.KindFloat64:
		return appendJSONFloat(b, v.Float64())
	}
	return nil, false
}

// appendJSONFloat appends f as encoding/json does (which the library
// calls for floats); NaN and infinities, which it refuses, are left to the
// library's error text.
func appendJSONFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // e-09 → e-9, as encoding/json
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

// appendJSONString appends s quoted as the library quotes: HTML
// characters as they are (see jsonstr).
func appendJSONString(b []byte, s string) []byte { return jsonstr.AppendSlog(b, s) }
