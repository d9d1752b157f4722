package projections

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/authledger/authledger/eventstore/registry"

	"github.com/authledger/authledger/domain/catalog"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/google/go-cmp/cmp"
)

// TestProjectorsExhaustive: every projector handles or explicitly ignores
// every catalog event, never both, and ignores nothing unknown.
func TestProjectorsExhaustive(t *testing.T) {
	known := map[string]bool{}
	for _, ev := range catalog.Events() {
		known[ev.EventType()] = true
	}
	for _, p := range All() {
		t.Run(p.Name(), func(t *testing.T) {
			ignored := map[string]bool{}
			for _, typ := range p.Ignored() {
				if ignored[typ] {
					t.Errorf("%s listed twice in Ignored", typ)
				}
				if !known[typ] {
					t.Errorf("Ignored lists %q, which is not in catalog.Events()", typ)
				}
				ignored[typ] = true
			}
			for typ := range known {
				switch h := p.Handles(typ); {
				case h && ignored[typ]:
					t.Errorf("%s is both handled and ignored", typ)
				case !h && !ignored[typ]:
					t.Errorf("%s is neither handled nor ignored", typ)
				}
			}
		})
	}
}

// TestAllNamesVersionedAndUnique checks the projector names key distinct
// checkpoints and carry a version.
func TestAllNamesVersionedAndUnique(t *testing.T) {
	var got []string
	for _, p := range All() {
		got = append(got, p.Name())
	}
	want := []string{GroupsName, PeopleName, ThingsName, ConnectionsName, EventsName, KnowledgeName}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("All() names (-got +want):\n%s", diff)
	}
	for _, n := range got {
		if !slices.Contains([]string{"groups.v1", "people.v1", "things.v1", "connections.v1", "events.v1", "knowledge.v1"}, n) {
			t.Errorf("unexpected projector name %q", n)
		}
	}
}

// TestRegistryRoundTripsCatalog: NewRegistry knows every catalog event and
// each one survives Encode → Decode.
func TestRegistryRoundTripsCatalog(t *testing.T) {
	reg := registry.New()
	var want []string
	for _, ev := range catalog.Events() {
		want = append(want, ev.EventType())
	}
	slices.Sort(want)
	if diff := cmp.Diff(reg.Types(), want); diff != "" {
		t.Fatalf("registry types (-got +want):\n%s", diff)
	}
	ctx := context.Background()
	st := memory.New()
	defer st.Close()
	codec := eventstore.NewCodec(reg, eventstore.NewKeyring(st.Keys(), eventstore.DeriveKEK([]byte("test"))))
	for _, ev := range catalog.Events() {
		data, err := codec.Encode(ctx, ev, testMeta(), "subject")
		if err != nil {
			t.Fatalf("encode %s: %v", ev.EventType(), err)
		}
		got, _, err := codec.Decode(ctx, eventstore.Record{Type: data.Type, Schema: data.Schema,
			Data: data.Data, Meta: data.Meta, KeyRef: data.KeyRef})
		if err != nil {
			t.Fatalf("decode %s: %v", ev.EventType(), err)
		}
		if diff := cmp.Diff(got, ev); diff != "" {
			t.Errorf("%s round trip (-got +want):\n%s", ev.EventType(), diff)
		}
	}
}

// TestEventsProjectorKnowsEverySubject: the audit projector has a subject
// for every catalog event (it handles all types, so the exhaustiveness
// test cannot catch a missing one).
func TestEventsProjectorKnowsEverySubject(t *testing.T) {
	for _, ev := range catalog.Events() {
		if err := applyInTx(t, Events(), ev); err != nil {
			t.Errorf("%s: %v", ev.EventType(), err)
		}
	}
}

// TestUnknownTypeStopsTheAuditTrail: a record no registry knows fails
// events.v1 (the audit must not skip it) and nothing else.
func TestUnknownTypeStopsTheAuditTrail(t *testing.T) {
	ctx := context.Background()
	st, codec := newLog(t)
	loadFiles(t, st, codec, "lifecycle")
	pos, err := st.Append(ctx, eventstore.AppendRequest{Stream: "person-x", Expected: eventstore.Any,
		Events: []eventstore.EventData{{ID: "0190b6d2-0000-7000-8000-000000000001", Type: "person.teleported", Schema: 1, Data: []byte(`{}`)}}})
	if err != nil {
		t.Fatal(err)
	}
	r := newRunner(t, st, codec, readStores()[0].open(t), All(), Options{})
	start(t, r)
	if err := waitFor(r, pos); !errors.Is(err, eventstore.ErrUnknownEventType) {
		t.Fatalf("WaitFor = %v, want ErrUnknownEventType", err)
	}
	for _, s := range r.Status() {
		if s.Failed != (s.Name == EventsName) {
			t.Errorf("%s: failed = %v", s.Name, s.Failed)
		}
	}
}
