package httpapi

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

// TestChecklist55NoSecrets: after the matrix, no stored
// record (raw or decoded), no audit export row (even with include=pii), no
// log line and no error body holds a test password or a raw session
// token.
func TestChecklist55NoSecrets(t *testing.T) {
	h := newHarness(t)
	s := &auditSession{}
	var bodies []string
	secrets := []string{"correct horse 1", "wrong horse 1", "new horse 22", "nope nope 1"}
	for _, st := range auditMatrix() {
		r := st.call(h, s)
		if r.status >= 400 { // success bodies carry the token by contract (Better Auth's bearer token)
			bodies = append(bodies, string(r.body))
		}
		for _, c := range r.cookies {
			if tok := rawSessionToken(c); tok != "" {
				secrets = append(secrets, tok)
			}
		}
	}
	if len(secrets) < 6 {
		t.Fatalf("collected only %d secrets (no session tokens?)", len(secrets))
	}
	haystacks := map[string]string{
		"audit export": string(auditGet(h, "/v1/audit/events?format=ndjson&include=pii").body),
		"audit page":   string(auditGet(h, "/v1/audit/events?include=pii&limit=1000").body),
		"error bodies": strings.Join(bodies, "\n"),
		"stored log":   storedLog(t, h),
		"server log":   h.logs.String(),
	}
	for name, hay := range haystacks {
		for _, sec := range secrets {
			if strings.Contains(hay, sec) {
				t.Errorf("%s contains the secret %q", name, sec)
			}
		}
	}
}

// rawSessionToken extracts the token (before the signature) from a
// Set-Cookie header of the session cookie.
func rawSessionToken(setCookie string) string {
	v, ok := strings.CutPrefix(strings.SplitN(setCookie, ";", 2)[0], "better-auth.session_token=")
	if !ok || v == "" {
		return ""
	}
	if u, err := url.QueryUnescape(v); err == nil {
		v = u
	}
	tok, _, _ := strings.Cut(v, ".")
	return tok
}

// storedLog is every record as stored and as decoded, as text.
func storedLog(t *testing.T, h *harness) string {
	t.Helper()
	recs, err := h.store.ReadAll(context.Background(), eventstore.Position{}, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, rec := range recs {
		b.Write(rec.Data)
		b.Write(rec.Meta)
		ev, meta, err := h.codec.Decode(context.Background(), rec)
		if err != nil {
			t.Fatal(err)
		}
		j, _ := json.Marshal(ev)
		m, _ := json.Marshal(meta)
		b.Write(j)
		b.Write(m)
	}
	return b.String()
}
