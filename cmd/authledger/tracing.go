package main

import (
	"context"
	"log/slog"
	"net/url"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
)

// tracingSettings says where spans go: off by default.
type tracingSettings struct {
	// Endpoint is --otlp-endpoint, an OTLP/HTTP base URL ("" = not set).
	Endpoint string
	// FromEnv is set when OTEL_EXPORTER_OTLP_ENDPOINT or
	// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT names the collector instead (the
	// exporter then reads the standard OTEL_EXPORTER_OTLP_* variables).
	FromEnv bool
}

// otelEnvSet reports whether the standard OpenTelemetry variables name a
// collector.
func otelEnvSet(getenv func(string) string) bool {
	return getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != ""
}

// on reports whether spans are exported.
func (t tracingSettings) on() bool { return t.Endpoint != "" || t.FromEnv }

// tracing parses --otlp-endpoint (an absolute http(s) URL).
func (p *settingsParser) tracing() tracingSettings {
	t := tracingSettings{Endpoint: p.str("otlp-endpoint")}
	if t.Endpoint != "" {
		u, err := url.Parse(t.Endpoint)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			p.fail("otlp-endpoint", "must be an absolute http(s) URL without credentials (got %q)", redactURL(t.Endpoint))
		}
	}
	return t
}

// startTracing installs the global tracer provider exporting over
// OTLP/HTTP in batches when tracing is on, and returns how to flush and
// stop it; off, the global provider stays the no-op one.
func startTracing(ctx context.Context, t tracingSettings, log *slog.Logger) (func(), error) {
	if !t.on() {
		return func() {}, nil
	}
	var opts []otlptracehttp.Option
	if t.Endpoint != "" {
		opts = append(opts, otlptracehttp.WithEndpointURL(t.Endpoint))
	}
	exp, err := otlptracehttp.New(ctx, opts...)
	if err != nil {
		return nil, err
	}
	res := resource.NewWithAttributes(semconv.SchemaURL, semconv.ServiceName("authledger"), semconv.ServiceVersion(version))
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.TraceContext{})
	// export failures (collector down) go to the JSON log, not raw stderr
	otel.SetErrorHandler(otel.ErrorHandlerFunc(func(err error) { log.Warn("trace export failed", "err", err) }))
	log.Info("tracing requests, commands and store calls over OTLP/HTTP")
	return func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := tp.Shutdown(sctx); err != nil {
			log.Warn("flushing traces at shutdown failed", "err", err)
		}
	}, nil
}
