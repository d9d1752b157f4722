package projections

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/authledger/authledger/eventstore/registry"

	"github.com/authledger/authledger/domain/catalog"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/google/go-cmp/cmp"
)

// TestProjectorCoverage records which projector handles which event type
// in testdata/coverage.golden (refreshed with -update), so adding an event
// shows up as a reviewed change of that file instead of being silently
// skipped by a projector; the events projector must see every type.
func TestProjectorCoverage(t *testing.T) {
	var types []string
	for _, ev := range catalog.Events() {
		types = append(types, ev.EventType())
	}
	slices.Sort(types)
	lines := []string{"# event type × projector: x = handled, . = skipped (go test ./projections -run TestProjectorCoverage -update)"}
	row := func(first string, cell func(Projector) string) {
		line := fmt.Sprintf("%-36s", first)
		for _, p := range All() {
			line += fmt.Sprintf(" %-14s", cell(p))
		}
		lines = append(lines, strings.TrimRight(line, " "))
	}
	row("", Projector.Name)
	for _, typ := range types {
		row(typ, func(p Projector) string {
			if p.Handles(typ) {
				return "x"
			}
			return "."
		})
		if !Events().Handles(typ) {
			t.Errorf("the events projector skips %s: every event needs an audit row", typ)
		}
	}
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join("testdata", "coverage.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("projector coverage changed (-golden +now); review and rerun with -update:\n%s", diff)
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
