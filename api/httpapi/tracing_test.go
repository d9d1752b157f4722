package httpapi

import (
	"context"
	"strings"
	"testing"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// TestTracingSignUp: with a tracer provider installed, a sign-up is one
// server span (route template and status) whose descendants are the
// command and the store calls; no span name or attribute holds the
// email, the password or the session token.
func TestTracingSignUp(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	prev := otel.GetTracerProvider()
	otel.SetTracerProvider(tp)
	t.Cleanup(func() {
		otel.SetTracerProvider(prev)
		_ = tp.Shutdown(context.Background())
	})

	h := newHarness(t)
	const email, pw = "traced.person@example.com", "correct horse battery 9"
	cookie, _ := h.signUp(email, pw, "Traced")
	token, _ := strings.CutPrefix(cookie, "better-auth.session_token=")
	token, _, _ = strings.Cut(token, ".") // the signed cookie's token part
	if token == "" {
		t.Fatal("sign-up set no session cookie")
	}

	spans := rec.Ended()
	var root sdktrace.ReadOnlySpan
	for _, s := range spans {
		if s.Name() == "POST /api/auth/sign-up/email" && s.SpanKind() == trace.SpanKindServer {
			root = s
		}
	}
	if root == nil {
		t.Fatalf("no request span among %d spans", len(spans))
	}
	attrs := map[string]string{}
	for _, a := range root.Attributes() {
		attrs[string(a.Key)] = a.Value.Emit()
	}
	if attrs["http.route"] != "/api/auth/sign-up/email" || attrs["http.response.status_code"] != "200" || attrs["http.request.method"] != "POST" {
		t.Errorf("request span attributes %v", attrs)
	}

	// parent of every span of the request's trace, to walk up from a child
	parent := map[trace.SpanID]trace.SpanID{}
	for _, s := range spans {
		if s.SpanContext().TraceID() == root.SpanContext().TraceID() {
			parent[s.SpanContext().SpanID()] = s.Parent().SpanID()
		}
	}
	under := func(s sdktrace.ReadOnlySpan) bool {
		for id := s.Parent().SpanID(); id.IsValid(); id = parent[id] {
			if id == root.SpanContext().SpanID() {
				return true
			}
		}
		return false
	}
	found := map[string]bool{}
	for _, s := range spans {
		if !under(s) {
			continue
		}
		switch {
		case strings.HasPrefix(s.Name(), "command "):
			found["command"] = true
		case s.Name() == "app.commit":
			found["command"] = true
		case s.Name() == "eventstore.append":
			found["append"] = true
		case s.Name() == "eventstore.read_stream":
			found["read"] = true
		}
	}
	for _, want := range []string{"command", "append"} {
		if !found[want] {
			t.Errorf("no %s span under the request span (found %v)", want, found)
		}
	}

	secrets := []string{email, pw, token}
	for _, s := range spans {
		texts := []string{s.Name(), s.Status().Description}
		for _, a := range s.Attributes() {
			texts = append(texts, string(a.Key), a.Value.Emit())
		}
		for _, e := range s.Events() {
			texts = append(texts, e.Name)
			for _, a := range e.Attributes {
				texts = append(texts, a.Value.Emit())
			}
		}
		for _, txt := range texts {
			for _, sec := range secrets {
				if sec != "" && strings.Contains(txt, sec) {
					t.Errorf("span %q holds a secret in %q", s.Name(), txt)
				}
			}
		}
	}
}
