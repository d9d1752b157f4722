package projections

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore/registry"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/catalog"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// streamEntry is one hand-written event of a testdata/*.events.json file.
// Data holds the event's fields in plaintext; the codec seals its PII with
// the key of the person the event is about (data.personId).
type streamEntry struct {
	Stream     string          `json:"stream"`
	Type       string          `json:"type"`
	OccurredAt time.Time       `json:"occurredAt"`
	Meta       entryMeta       `json:"meta"`
	Data       json.RawMessage `json:"data"`
}

type entryMeta struct {
	Actor     string `json:"actor,omitempty"`
	RequestID string `json:"requestId,omitempty"`
	IP        string `json:"ip,omitempty"`
	UserAgent string `json:"userAgent,omitempty"`
}

func testMeta() domain.Metadata {
	return domain.Metadata{Actor: "actor", RequestID: "req", IP: "203.0.113.9", UserAgent: "test-agent",
		OccurredAt: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func testCodec(st eventstore.Store) *eventstore.Codec {
	return eventstore.NewCodec(registry.New(), eventstore.NewKeyring(st.Keys(), eventstore.DeriveKEK([]byte("projections test secret"))))
}

// catalogTypes maps event type names to their Go types.
func catalogTypes() map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for _, ev := range catalog.Events() {
		m[ev.EventType()] = reflect.TypeOf(ev)
	}
	return m
}

// loadStream parses a testdata event file into events ready to encode.
func loadStream(t testing.TB, path string) []streamEntry {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var entries []streamEntry
	if err := dec.Decode(&entries); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return entries
}

// decodeEntry turns an entry's plaintext data into its domain event.
func decodeEntry(types map[string]reflect.Type, e streamEntry) (domain.Event, string, error) {
	typ, ok := types[e.Type]
	if !ok {
		return nil, "", fmt.Errorf("unknown event type %q", e.Type)
	}
	v := reflect.New(typ)
	dec := json.NewDecoder(bytes.NewReader(e.Data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v.Interface()); err != nil {
		return nil, "", fmt.Errorf("%s: %w", e.Type, err)
	}
	var subject struct {
		PersonID string `json:"personId"`
	}
	if err := json.Unmarshal(e.Data, &subject); err != nil {
		return nil, "", err
	}
	keyRef := subject.PersonID
	if strings.HasPrefix(e.Stream, domain.GroupStreamPrefix) {
		keyRef = e.Stream // a group stream is sealed with the group's key
	}
	return v.Elem().Interface().(domain.Event), keyRef, nil
}

// appendStream encodes every entry with the real codec and appends it to
// st, one append per event, in file order. It returns the last position.
func appendStream(t testing.TB, ctx context.Context, st eventstore.Store, codec *eventstore.Codec, entries []streamEntry) eventstore.Position {
	t.Helper()
	types := catalogTypes()
	var last eventstore.Position
	for i, e := range entries {
		ev, keyRef, err := decodeEntry(types, e)
		if err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
		meta := domain.Metadata{Actor: e.Meta.Actor, RequestID: e.Meta.RequestID, IP: e.Meta.IP,
			UserAgent: e.Meta.UserAgent, OccurredAt: e.OccurredAt}
		data, err := codec.Encode(ctx, ev, meta, keyRef)
		if err != nil {
			t.Fatalf("entry %d: encode: %v", i, err)
		}
		if last, err = st.Append(ctx, eventstore.AppendRequest{Stream: e.Stream, Expected: eventstore.Any,
			Events: []eventstore.EventData{data}}); err != nil {
			t.Fatalf("entry %d: append: %v", i, err)
		}
	}
	return last
}

// dumpAll lists every row of every dimension, page by page, as parsed
// JSON (so raw JSON fields compare by value, not by bytes).
func dumpAll(t testing.TB, ctx context.Context, r ontology.Reader) map[ontology.Dimension]any {
	t.Helper()
	out := map[ontology.Dimension]any{}
	for _, dim := range ontology.Dimensions() {
		rows, err := listAll(ctx, r, dim)
		if err != nil {
			t.Fatalf("list %s: %v", dim, err)
		}
		out[dim] = parsed(t, rows)
	}
	return out
}

// listAll pages through one dimension with a small page size, so the
// cursors are exercised too.
func listAll(ctx context.Context, r ontology.Reader, dim ontology.Dimension) ([]any, error) {
	rows := []any{}
	q := ontology.Query{Limit: 7}
	for {
		items, next, err := listPage(ctx, r, dim, q)
		if err != nil {
			return nil, err
		}
		rows = append(rows, items...)
		if next == "" {
			return rows, nil
		}
		q.Cursor = next
	}
}

func listPage(ctx context.Context, r ontology.Reader, dim ontology.Dimension, q ontology.Query) ([]any, string, error) {
	switch dim {
	case ontology.Groups:
		p, err := r.ListGroups(ctx, q)
		return anys(p.Items), p.Next, err
	case ontology.People:
		p, err := r.ListPeople(ctx, q)
		return anys(p.Items), p.Next, err
	case ontology.Things:
		p, err := r.ListThings(ctx, q)
		return anys(p.Items), p.Next, err
	case ontology.Connections:
		p, err := r.ListConnections(ctx, q)
		return anys(p.Items), p.Next, err
	case ontology.Events:
		p, err := r.ListEvents(ctx, q)
		return anys(p.Items), p.Next, err
	case ontology.Knowledge:
		p, err := r.ListKnowledge(ctx, q)
		return anys(p.Items), p.Next, err
	}
	return nil, "", fmt.Errorf("unknown dimension %s", dim)
}

func anys[T any](items []T) []any {
	out := make([]any, len(items))
	for i, v := range items {
		out[i] = v
	}
	return out
}

// parsed round-trips v through JSON into generic values.
func parsed(t testing.TB, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
