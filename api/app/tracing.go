package app

import (
	"context"
	"reflect"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

// tracerName names the spans of commands and store calls.
const tracerName = "github.com/authledger/authledger/api/app"

// untraced is the global tracer provider as the process starts: OpenTelemetry's
// delegating no-op, until a binary installs an exporting provider.
var untraced = otel.GetTracerProvider()

// TracingOn reports whether a tracer provider was installed since the
// process started (the binary configured an exporter, or a test records
// spans). Off, the traced paths skip building spans and attributes
// altogether, so tracing costs a request nothing: the no-op provider
// would still allocate for every span's options and context.
func TracingOn() bool { return otel.GetTracerProvider() != untraced }

// startSpan starts a span from the global tracer provider, or returns ctx
// and a no-op span when tracing is off. Attributes are names, counts and
// error codes only; never a stream's events, claims, ids or metadata.
func startSpan(ctx context.Context, name string, attrs ...attribute.KeyValue) (context.Context, trace.Span) {
	if !TracingOn() {
		return ctx, noop.Span{}
	}
	return otel.GetTracerProvider().Tracer(tracerName).Start(ctx, name, trace.WithAttributes(attrs...))
}

// endSpan records err's code (not its message, which may quote input)
// and ends span.
func endSpan(span trace.Span, err error) {
	if err != nil {
		code := string(domain.CodeOf(err))
		if code == "" {
			code = "error"
		}
		span.SetAttributes(attribute.String("authledger.error_code", code))
		span.SetStatus(codes.Error, code)
	}
	span.End()
}

// commandName is the Go type of a command (e.g. "identity.SignUp").
func commandName[C any]() string { return reflect.TypeFor[C]().String() }

// tracedStore is the store as the pipeline and Load see it: appends and
// stream reads each get a span; the rest passes through.
type tracedStore struct{ eventstore.Store }

// Append traces one atomic append: the number of requests and records.
func (t tracedStore) Append(ctx context.Context, reqs ...eventstore.AppendRequest) (eventstore.Position, error) {
	if !TracingOn() {
		return t.Store.Append(ctx, reqs...)
	}
	ctx, span := startSpan(ctx, "eventstore.append",
		attribute.Int("authledger.streams", len(reqs)), attribute.Int("authledger.records", records(reqs)))
	pos, err := t.Store.Append(ctx, reqs...)
	endSpan(span, err)
	return pos, err
}

// AppendKeyed traces one atomic append that stores new data keys with its
// records (eventstore.ErrKeyedUnsupported when the store cannot).
func (t tracedStore) AppendKeyed(ctx context.Context, keys []eventstore.NewKey, reqs ...eventstore.AppendRequest) (eventstore.Position, error) {
	ka, ok := t.Store.(eventstore.KeyedAppender)
	if !ok {
		return eventstore.Position{}, eventstore.ErrKeyedUnsupported
	}
	if !TracingOn() {
		return ka.AppendKeyed(ctx, keys, reqs...)
	}
	ctx, span := startSpan(ctx, "eventstore.append", attribute.Int("authledger.streams", len(reqs)),
		attribute.Int("authledger.records", records(reqs)), attribute.Int("authledger.keys", len(keys)))
	pos, err := ka.AppendKeyed(ctx, keys, reqs...)
	endSpan(span, err)
	return pos, err
}

// records counts the records of an append.
func records(reqs []eventstore.AppendRequest) int {
	n := 0
	for _, r := range reqs {
		n += len(r.Events)
	}
	return n
}

// ReadStream traces one stream read: how many records came back.
func (t tracedStore) ReadStream(ctx context.Context, stream string, from uint64) ([]eventstore.Record, error) {
	if !TracingOn() {
		return t.Store.ReadStream(ctx, stream, from)
	}
	ctx, span := startSpan(ctx, "eventstore.read_stream")
	recs, err := t.Store.ReadStream(ctx, stream, from)
	span.SetAttributes(attribute.Int("authledger.records", len(recs)))
	endSpan(span, err)
	return recs, err
}
