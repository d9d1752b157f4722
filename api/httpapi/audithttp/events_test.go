package audithttp_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/httpapi/audithttp"
	"github.com/authledger/authledger/api/httpapi/wire/wiretest"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/labstack/echo/v4"
)

// refusingStore takes the first append (the fixture's sign-up) and
// refuses every later one, so recording a read fails.
type refusingStore struct {
	*memory.Store
	appends int
}

func (s *refusingStore) Append(ctx context.Context, reqs ...eventstore.AppendRequest) (eventstore.Position, error) {
	if s.appends++; s.appends > 1 {
		return eventstore.Position{}, errors.New("disk full")
	}
	return s.Store.Append(ctx, reqs...)
}

// TestExportHeaders: a stream's headers go out with its first byte, so a
// refused export (here: its audit.read cannot be recorded) is an error
// answer without the CSV headers, while an accepted one is a 200 CSV even
// when no row matches; bad queries are 400s.
func TestExportHeaders(t *testing.T) {
	refused := wiretest.Do(mount(t, &refusingStore{Store: memory.New()}), http.MethodGet, "/v1/audit/events?format=csv", "")
	if refused.Code == http.StatusOK || refused.Header().Get("Content-Disposition") != "" {
		t.Errorf("refused export: %d %v", refused.Code, refused.Header())
	}
	e := mount(t, memory.New())
	empty := wiretest.Do(e, http.MethodGet, "/v1/audit/events?format=csv&person=P0000000000000000000000000000404", "")
	if empty.Code != http.StatusOK || !strings.HasPrefix(empty.Body.String(), `"position","id",`) ||
		empty.Header().Get("Content-Disposition") == "" {
		t.Errorf("empty export: %d %v %q", empty.Code, empty.Header(), empty.Body)
	}
	for _, q := range []string{"/v1/audit/events?limit=0", "/v1/audit/verify?at=1", "/v1/audit/as-of?at=x&person=P1",
		"/v1/audit/as-of?at=0.1&person=P1&person=P2"} {
		if r := wiretest.Do(e, http.MethodGet, q, ""); r.Code != http.StatusBadRequest {
			t.Errorf("%s: %d %s", q, r.Code, r.Body)
		}
	}
}

// mount starts a kernel on store with one person and mounts the audit
// routes under /v1.
func mount(t *testing.T, store eventstore.Store) *echo.Echo {
	env := wiretest.Start(apptest.WithStore(store))
	t.Cleanup(env.Close)
	env.SignUp("Ada", "ada@example.com")
	return wiretest.Mount(audithttp.New(env.Kit, compliance.New(env.App, compliance.Deps{})))
}
