package eventstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// renamedV2 is schema 2 of an event whose schema 1 called the field "mail".
type renamedV2 struct {
	Email string `json:"email" pii:"true"`
	Plan  string `json:"plan"`
}

func (renamedV2) EventType() string { return "test.renamed" }

// renamedV1 is how schema 1 was written (kept here to produce old data).
type renamedV1 struct {
	Mail string `json:"mail"`
}

func (renamedV1) EventType() string { return "test.renamed" }

func TestUpcastFromSchema1To2(t *testing.T) {
	r := eventstore.NewRegistry()
	var calls []int
	eventstore.Register[renamedV2](r, 2, func(from int, data json.RawMessage) (json.RawMessage, error) {
		calls = append(calls, from)
		var v1 renamedV1
		if err := json.Unmarshal(data, &v1); err != nil {
			return nil, err
		}
		return json.Marshal(map[string]string{"plan": "free:" + v1.Mail})
	})
	c := eventstore.NewCodec(r, eventstore.NewKeyring(nil, make([]byte, 32)))
	rec := eventstore.Record{Type: "test.renamed", Schema: 1, Data: []byte(`{"mail":"legacy"}`)}
	got, _, err := c.Decode(context.Background(), rec)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if want := (renamedV2{Plan: "free:legacy"}); got != domain.Event(want) {
		t.Errorf("Decode = %+v, want %+v", got, want)
	}
	if fmt.Sprint(calls) != "[1]" {
		t.Errorf("upcaster called with %v, want [1]", calls)
	}
	rec2 := eventstore.Record{Type: "test.renamed", Schema: 2, Data: []byte(`{"plan":"pro"}`)}
	if got, _, err := c.Decode(context.Background(), rec2); err != nil || got != domain.Event(renamedV2{Plan: "pro"}) {
		t.Errorf("Decode(schema 2) = %+v, %v; want no upcast", got, err)
	}
}

func TestUpcastErrors(t *testing.T) {
	boom := errors.New("boom")
	r := eventstore.NewRegistry()
	eventstore.Register[renamedV2](r, 2, func(int, json.RawMessage) (json.RawMessage, error) { return nil, boom })
	eventstore.Register[noPII](r, 3)
	c := eventstore.NewCodec(r, eventstore.NewKeyring(nil, make([]byte, 32)))
	tests := []struct {
		name    string
		rec     eventstore.Record
		wantErr error
		wantMsg string
	}{
		{"upcaster fails", eventstore.Record{Type: "test.renamed", Schema: 1, Data: []byte(`{}`)}, boom, "upcast from schema 1"},
		{"schema from the future", eventstore.Record{Type: "test.renamed", Schema: 3, Data: []byte(`{}`)}, nil, "stored schema 3"},
		{"schema zero", eventstore.Record{Type: "test.renamed", Schema: 0, Data: []byte(`{}`)}, nil, "stored schema 0"},
		{"missing upcaster", eventstore.Record{Type: "test.no_pii", Schema: 1, Data: []byte(`{}`)}, nil, "no upcaster from schema 1"},
		{"data not JSON", eventstore.Record{Type: "test.no_pii", Schema: 3, Data: []byte(`{`)}, nil, "decode test.no_pii"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := c.Decode(context.Background(), tt.rec)
			if err == nil || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("Decode = %v, want an error wrapping %v containing %q", err, tt.wantErr, tt.wantMsg)
			}
		})
	}
}

type intPII struct {
	Age int `json:"age" pii:"true"`
}

func (intPII) EventType() string { return "test.int_pii" }

type slicePII struct {
	Contacts []contact `json:"contacts"`
}

func (slicePII) EventType() string { return "test.slice_pii" }

type hiddenPII struct {
	Secret string `json:"-" pii:"true"`
}

func (hiddenPII) EventType() string { return "test.hidden_pii" }

func TestRegisterPanicsOnProgrammerErrors(t *testing.T) {
	tests := []struct {
		name     string
		register func(r *eventstore.Registry)
	}{
		{"duplicate", func(r *eventstore.Registry) { eventstore.Register[noPII](r, 1); eventstore.Register[noPII](r, 1) }},
		{"pii on int", func(r *eventstore.Registry) { eventstore.Register[intPII](r, 1) }},
		{"pii inside a slice", func(r *eventstore.Registry) { eventstore.Register[slicePII](r, 1) }},
		{"pii hidden from JSON", func(r *eventstore.Registry) { eventstore.Register[hiddenPII](r, 1) }},
		{"schema zero", func(r *eventstore.Registry) { eventstore.Register[noPII](r, 0) }},
		{"too many upcasters", func(r *eventstore.Registry) { eventstore.Register[noPII](r, 1, nil) }},
		{"pointer event", func(r *eventstore.Registry) { r.RegisterEvent(&noPII{}, 1) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("Register did not panic")
				}
			}()
			tt.register(eventstore.NewRegistry())
		})
	}
}

func TestRegistryTypes(t *testing.T) {
	r := eventstore.NewRegistry()
	r.RegisterEvent(signedUp{}, 1)
	eventstore.Register[noPII](r, 1)
	if got, want := strings.Join(r.Types(), ","), "test.no_pii,test.signed_up"; got != want {
		t.Errorf("Types() = %s, want %s", got, want)
	}
}

func TestEncodeRejectsUnregisteredAndMismatchedTypes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.codec.Encode(ctx, intPII{}, domain.Metadata{}, ""); !errors.Is(err, eventstore.ErrUnknownEventType) {
		t.Errorf("Encode(unregistered) = %v, want ErrUnknownEventType", err)
	}
	if _, err := f.codec.Encode(ctx, impostor{}, domain.Metadata{}, ""); err == nil {
		t.Error("Encode of another Go type under a registered name succeeded")
	}
	if _, err := f.codec.Encode(ctx, nil, domain.Metadata{}, ""); err == nil {
		t.Error("Encode(nil) succeeded")
	}
	if _, err := f.codec.Encode(ctx, &noPII{SessionID: "s"}, domain.Metadata{}, ""); err != nil {
		t.Errorf("Encode(pointer to registered type) = %v", err)
	}
}

type impostor struct{}

func (impostor) EventType() string { return "test.no_pii" }
