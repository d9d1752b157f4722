package audithttp

import (
	"net/http"
	"strings"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// events is GET /v1/audit/events: a JSON page (cursor pagination) or,
// with format=ndjson|csv (or that Accept type), the whole filtered range
// streamed in constant memory, flushed after every read batch.
func (f *Feature) events(c echo.Context) error {
	flt, err := compliance.ParseFilter(c.Request().URL.RawQuery)
	if err != nil {
		return err
	}
	if flt.Format == "" {
		flt.Format = acceptFormat(c.Request().Header.Get("Accept"))
	}
	ctx := c.Request().Context()
	if flt.Format == compliance.FormatJSON {
		page, err := f.svc.Events(ctx, compliance.EventsInput{Reader: f.reader(c), Filter: flt})
		if err != nil {
			return err
		}
		return wire.OK(c, page)
	}
	w := &stream{res: c.Response(), format: flt.Format}
	err = f.svc.Export(ctx, compliance.ExportInput{Reader: f.reader(c), Filter: flt, W: w, Progress: w.flush})
	if err != nil {
		return err
	}
	w.start()
	return nil
}

// acceptFormat is the format the Accept header's first type names (a
// JSON page otherwise).
func acceptFormat(accept string) compliance.Format {
	if f, ok := compliance.ParseFormat(strings.TrimSpace(strings.Split(accept, ",")[0])); ok {
		return f
	}
	return compliance.FormatJSON
}

// stream is the response of an export: its headers go out with the first
// byte, so a refusal before any row is still a JSON error.
type stream struct {
	res     *echo.Response
	format  compliance.Format
	started bool
}

// Write implements io.Writer: the first byte starts the answer.
func (w *stream) Write(p []byte) (int, error) {
	w.start()
	return w.res.Write(p)
}

// start sends the status and the headers of the format once.
func (w *stream) start() {
	if w.started {
		return
	}
	w.started = true
	h := w.res.Header()
	h.Set("Content-Type", "application/x-ndjson")
	if w.format == compliance.FormatCSV {
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="audit.csv"`)
	}
	w.res.WriteHeader(http.StatusOK)
}

// flush sends what the batch wrote to the client.
func (w *stream) flush(eventstore.Position) {
	w.start()
	w.res.Flush()
}
