package httpapi

import (
	"bufio"
	"context"
	"io"
	"net/url"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/audit"
	"github.com/authledger/authledger/eventstore"
)

// ExportAudit writes the audit rows selected by query (the query string
// of GET /v1/audit/events; format=ndjson by default, or csv) to w in
// constant memory, calling progress after every read batch with the last
// position read. Like every audit read it first appends audit.read, with
// actor as the reader.
func (s *Server) ExportAudit(ctx context.Context, w io.Writer, query, actor string, progress func(last eventstore.Position)) error {
	params, err := url.ParseQuery(query)
	if err != nil {
		return domain.Errorf(domain.CodeValidation, "malformed query string")
	}
	if params.Get("format") == "" {
		params.Set("format", "ndjson")
	}
	f, err := parseAuditFilter(params.Encode(), "")
	if err != nil {
		return err
	}
	if f.format == "json" {
		return domain.Errorf(domain.CodeValidation, "export format must be ndjson or csv")
	}
	if err := s.appendAuditRead(ctx, "authledger audit export", f.summary(params.Encode()), f.includePII, actor); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	rw := newRowWriter(bw, f.format)
	b := &rowBuilder{s: s, table: owaspTable(), pii: f.includePII}
	var last eventstore.Position
	err = scanAudit(ctx, s.cfg.Store, f, b, func(r *auditRow) error { return rw.write(r) }, func() error {
		if err := rw.flush(); err != nil {
			return err
		}
		if progress != nil {
			progress(last)
		}
		return nil
	}, func(p eventstore.Position) { last = p })
	if err != nil {
		return err
	}
	return bw.Flush()
}

// appendAuditRead records an audit read made outside HTTP (the CLI).
func (s *Server) appendAuditRead(ctx context.Context, route, query string, pii bool, actor string) error {
	now := s.now()
	// The CLI's server follows no session index: append without waiting.
	p := &eventstore.Pipeline{Store: s.cfg.Store, Codec: s.cfg.Codec}
	_, err := p.Commit(ctx, domain.Metadata{Actor: actor, OccurredAt: now}, "", change{Stream: audit.Stream(now),
		Expected: eventstore.Any, Events: []domain.Event{audit.Read{Route: route, Query: query, IncludePII: pii, At: now}}})
	return err
}
