package httpapi

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/audit"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// Scan sizes of the audit reads.
const (
	auditReadBatch = 1000   // records per ReadAll
	auditScanLimit = 20_000 // records one JSON page may scan before it returns a cursor
)

// auditEvents is GET /v1/audit/events: a JSON page (cursor pagination) or,
// with format=ndjson|csv (or that Accept type), the whole filtered range
// streamed in constant memory, flushed after every read batch.
func (s *Server) auditEvents(c echo.Context) error {
	raw := c.Request().URL.RawQuery
	f, err := parseAuditFilter(raw, c.Request().Header.Get("Accept"))
	if err != nil {
		return err
	}
	if err := s.recordAuditRead(c, f.summary(raw), f.includePII); err != nil {
		return err
	}
	b := &rowBuilder{s: s, table: owaspTable(), pii: f.includePII}
	if f.format == "json" {
		return s.auditPage(c, f, b)
	}
	return s.auditStream(c, f, b)
}

// recordAuditRead appends audit.read to the day's audit stream: every
// read of the trail is itself in the trail. It carries no key, so the
// reader's IP and user agent are not stored.
func (s *Server) recordAuditRead(c echo.Context, query string, pii bool) error {
	now := s.now()
	ev := audit.Read{Route: c.Path(), Query: query, IncludePII: pii, At: now}
	_, err := s.commit(c, s.meta(c, adminActor, now), "", change{Stream: audit.Stream(now), Expected: eventstore.Any,
		Events: []domain.Event{ev}})
	return err
}

// auditPage answers one JSON page: up to limit rows, scanning at most
// auditScanLimit records; next is the position to continue after ("" at
// the end of the range).
func (s *Server) auditPage(c echo.Context, f auditFilter, b *rowBuilder) error {
	out := struct {
		Items []auditRow `json:"items"`
		Next  string     `json:"next"`
	}{Items: []auditRow{}}
	ctx := c.Request().Context()
	after, scanned := f.after, 0
	for len(out.Items) < f.limit && scanned < auditScanLimit {
		recs, err := s.cfg.Store.ReadAll(ctx, after, auditReadBatch)
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return ok200(c, out)
		}
		for _, rec := range recs {
			if f.past(rec) {
				return ok200(c, out)
			}
			after, scanned = rec.Position, scanned+1
			r, err := b.row(ctx, rec)
			if err != nil {
				return err
			}
			if f.match(&r) {
				if out.Items = append(out.Items, r); len(out.Items) == f.limit {
					break
				}
			}
		}
	}
	out.Next = after.String()
	return ok200(c, out)
}

// auditStream writes every matching row of the range as NDJSON or CSV.
func (s *Server) auditStream(c echo.Context, f auditFilter, b *rowBuilder) error {
	res := c.Response()
	ctype := "application/x-ndjson"
	if f.format == "csv" {
		ctype = "text/csv; charset=utf-8"
		res.Header().Set("Content-Disposition", `attachment; filename="audit.csv"`)
	}
	res.Header().Set("Content-Type", ctype)
	res.WriteHeader(http.StatusOK)
	w := newRowWriter(res, f.format)
	return scanAudit(c.Request().Context(), s.cfg.Store, f, b, func(r *auditRow) error { return w.write(r) }, func() error {
		if err := w.flush(); err != nil {
			return err
		}
		res.Flush()
		return nil
	}, nil)
}

// scanAudit reads the filtered range batch by batch, calling emit for
// each matching row, seen (when set) with the batch's last position and
// flush after every batch.
func scanAudit(ctx context.Context, st eventstore.Store, f auditFilter, b *rowBuilder, emit func(*auditRow) error,
	flush func() error, seen func(eventstore.Position)) error {
	after := f.after
	for {
		recs, err := st.ReadAll(ctx, after, auditReadBatch)
		if err != nil || len(recs) == 0 {
			return err
		}
		for _, rec := range recs {
			if f.past(rec) {
				return flush()
			}
			after = rec.Position
			r, err := b.row(ctx, rec)
			if err != nil {
				return err
			}
			if f.match(&r) {
				if err := emit(&r); err != nil {
					return err
				}
			}
		}
		if seen != nil {
			seen(after)
		}
		if err := flush(); err != nil {
			return err
		}
	}
}

// rowWriter encodes rows as NDJSON or CSV (header first).
type rowWriter struct {
	enc    *json.Encoder
	csv    *csv.Writer
	header bool
}

func newRowWriter(w io.Writer, format string) *rowWriter {
	if format == "csv" {
		return &rowWriter{csv: csv.NewWriter(w)}
	}
	return &rowWriter{enc: json.NewEncoder(w)}
}

func (w *rowWriter) write(r *auditRow) error {
	if w.enc != nil {
		return w.enc.Encode(r)
	}
	if !w.header {
		w.header = true
		if err := w.csv.Write(auditCSVHeader); err != nil {
			return err
		}
	}
	return w.csv.Write(r.csv())
}

func (w *rowWriter) flush() error {
	if w.csv == nil {
		return nil
	}
	if !w.header {
		w.header = true
		if err := w.csv.Write(auditCSVHeader); err != nil {
			return err
		}
	}
	w.csv.Flush()
	return w.csv.Error()
}
