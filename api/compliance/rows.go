package compliance

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/catalog"
	"github.com/authledger/authledger/eventstore"
)

// Row is one exported audit record: ids, type, OWASP vocabulary name,
// outcome and times always; the decrypted personal data (IP, user agent,
// email, name…) only with Filter.IncludePII. Secrets (password hashes,
// token hashes, TOTP secrets, backup codes) are never exported, decrypted
// or not.
type Row struct {
	Position     string            `json:"position"`
	ID           string            `json:"id"`
	Stream       string            `json:"stream"`
	Version      uint64            `json:"version"`
	Type         string            `json:"type"`
	OWASP        string            `json:"owasp"`
	Outcome      string            `json:"outcome"`
	OccurredAt   time.Time         `json:"occurredAt"`
	RecordedAt   time.Time         `json:"recordedAt"`
	Actor        string            `json:"actor,omitempty"`
	Impersonator string            `json:"impersonator,omitempty"`
	Subject      string            `json:"subject,omitempty"`
	Organization string            `json:"organization,omitempty"`
	RequestID    string            `json:"requestId,omitempty"`
	IP           string            `json:"ip,omitempty"`
	UserAgent    string            `json:"userAgent,omitempty"`
	PII          map[string]string `json:"pii,omitempty"`
}

// CSVHeader is the CSV column order (PII columns are empty without
// IncludePII; pii is a JSON object).
var CSVHeader = []string{"position", "id", "stream", "version", "type", "owasp", "outcome",
	"occurredAt", "recordedAt", "actor", "subject", "organization", "requestId", "ip", "userAgent", "pii", "impersonator"}

// CSV returns the row in CSVHeader order.
func (r *Row) CSV() []string {
	pii := ""
	if len(r.PII) > 0 {
		b, _ := json.Marshal(r.PII)
		pii = string(b)
	}
	return []string{r.Position, r.ID, r.Stream, strconv.FormatUint(r.Version, 10), r.Type, r.OWASP, r.Outcome,
		r.OccurredAt.UTC().Format(time.RFC3339Nano), r.RecordedAt.UTC().Format(time.RFC3339Nano),
		r.Actor, r.Subject, r.Organization, r.RequestID, r.IP, r.UserAgent, pii, r.Impersonator}
}

// recordFacts are the unsealed fields every row needs, read from the
// stored JSON without decrypting anything.
type recordFacts struct {
	PersonID       string `json:"personId"`
	GroupID        string `json:"groupId"`
	OrganizationID string `json:"organizationId"`
	owaspFacts
}

type metaFacts struct {
	Actor        string `json:"actor"`
	Impersonator string `json:"impersonator"`
	RequestID    string `json:"requestId"`
}

// piiAllowed are the decrypted event fields an authorised export shows;
// anything else sealed (hashes, secrets, codes) stays out.
var piiAllowed = map[string]bool{"email": true, "name": true, "image": true, "reason": true, "fields": true,
	"ip": true, "userAgent": true}

// rowBuilder turns records into rows.
type rowBuilder struct {
	codec *eventstore.Codec
	table map[string]domain.Facts
	pii   bool
}

func (s *Service) rowBuilder(pii bool) *rowBuilder {
	return &rowBuilder{codec: s.app.Codec, table: catalog.FactsByType(), pii: pii}
}

// row builds the row of rec (decrypting PII with the codec when asked).
func (b *rowBuilder) row(ctx context.Context, rec eventstore.Record) (Row, error) {
	var f recordFacts
	var m metaFacts
	_ = json.Unmarshal(rec.Data, &f) // a type without these fields leaves them empty
	_ = json.Unmarshal(rec.Meta, &m)
	name, outcome := owaspName(b.table, rec.Type, f.owaspFacts)
	r := Row{Position: rec.Position.String(), ID: rec.ID, Stream: rec.Stream, Version: rec.Version,
		Type: rec.Type, OWASP: name, Outcome: outcome, OccurredAt: rec.OccurredAt.UTC(), RecordedAt: rec.RecordedAt.UTC(),
		Actor: m.Actor, Impersonator: m.Impersonator, Subject: f.PersonID, Organization: f.GroupID, RequestID: m.RequestID}
	if r.Organization == "" {
		r.Organization = f.OrganizationID
	}
	if b.pii {
		return r, b.openPII(ctx, rec, &r)
	}
	return r, nil
}

// openPII decodes rec with the codec and copies the allowed personal data.
func (b *rowBuilder) openPII(ctx context.Context, rec eventstore.Record, r *Row) error {
	ev, meta, err := b.codec.Decode(ctx, rec)
	if err != nil {
		return err
	}
	r.IP, r.UserAgent = meta.IP, meta.UserAgent
	raw, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	var fields map[string]any
	if json.Unmarshal(raw, &fields) != nil {
		return nil
	}
	for k, v := range fields {
		if s, ok := v.(string); ok && s != "" && piiAllowed[k] {
			if r.PII == nil {
				r.PII = map[string]string{}
			}
			r.PII[k] = s
		}
	}
	return nil
}
