package eventstore_test

import (
	"errors"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

func TestValidateAppend(t *testing.T) {
	ev := eventstore.EventData{ID: "e", Type: "t.x", Schema: 1, Data: []byte(`{}`)}
	with := func(mut func(*eventstore.EventData)) []eventstore.EventData {
		e := ev
		mut(&e)
		return []eventstore.EventData{e}
	}
	claim := eventstore.Claim{Kind: "email", Key: "k", Owner: "s"}
	tests := []struct {
		name    string
		reqs    []eventstore.AppendRequest
		wantErr bool
	}{
		{"valid event", []eventstore.AppendRequest{{Stream: "s", Expected: eventstore.Any, Events: with(func(*eventstore.EventData) {})}}, false},
		{"valid claim only", []eventstore.AppendRequest{{Stream: "s", Expected: eventstore.StreamExists, Claims: []eventstore.Claim{claim}}}, false},
		{"valid release only", []eventstore.AppendRequest{{Stream: "s", Expected: eventstore.Exactly(4), Releases: []eventstore.Claim{claim}}}, false},
		{"valid with meta", []eventstore.AppendRequest{{Stream: "s", Events: with(func(e *eventstore.EventData) { e.Meta = []byte(`{"a":1}`) })}}, false},
		{"no requests", nil, true},
		{"empty stream", []eventstore.AppendRequest{{Events: with(func(*eventstore.EventData) {})}}, true},
		{"expected below StreamExists", []eventstore.AppendRequest{{Stream: "s", Expected: -3, Events: with(func(*eventstore.EventData) {})}}, true},
		{"empty request", []eventstore.AppendRequest{{Stream: "s"}}, true},
		{"no ID", []eventstore.AppendRequest{{Stream: "s", Events: with(func(e *eventstore.EventData) { e.ID = "" })}}, true},
		{"no type", []eventstore.AppendRequest{{Stream: "s", Events: with(func(e *eventstore.EventData) { e.Type = "" })}}, true},
		{"schema 0", []eventstore.AppendRequest{{Stream: "s", Events: with(func(e *eventstore.EventData) { e.Schema = 0 })}}, true},
		{"data missing", []eventstore.AppendRequest{{Stream: "s", Events: with(func(e *eventstore.EventData) { e.Data = nil })}}, true},
		{"meta not JSON", []eventstore.AppendRequest{{Stream: "s", Events: with(func(e *eventstore.EventData) { e.Meta = []byte("x") })}}, true},
		{"claim without owner", []eventstore.AppendRequest{{Stream: "s", Claims: []eventstore.Claim{{Kind: "email", Key: "k"}}}}, true},
		{"release without kind", []eventstore.AppendRequest{{Stream: "s", Releases: []eventstore.Claim{{Key: "k", Owner: "s"}}}}, true},
	}
	for _, tt := range tests {
		err := eventstore.ValidateAppend(tt.reqs)
		if (err != nil) != tt.wantErr || (err != nil && !errors.Is(err, eventstore.ErrInvalidAppend)) {
			t.Errorf("%s: ValidateAppend = %v, want error %v (ErrInvalidAppend)", tt.name, err, tt.wantErr)
		}
	}
}
