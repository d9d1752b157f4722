package webhookendpoint_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/webhookendpoint"
)

var at = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// TestDecide covers every command on the states that matter.
func TestDecide(t *testing.T) {
	d := webhookendpoint.NewDecider()
	create := webhookendpoint.Create{ID: "W1", URL: "https://hooks.example.com/in", Events: []string{"session.created", "person.", "person."},
		Secret: "whsec_x", At: at}
	live := d.Fold([]domain.Event{webhookendpoint.Created{EndpointID: "W1", URL: create.URL, Events: []string{"person."}, At: at}})
	off := d.Evolve(live, webhookendpoint.Disabled{EndpointID: "W1", Reason: webhookendpoint.ReasonOperator, At: at})
	gone := d.Evolve(live, webhookendpoint.Deleted{EndpointID: "W1", At: at})
	newURL, pii := "http://other.example/x", true
	tests := []struct {
		name  string
		state webhookendpoint.State
		cmd   webhookendpoint.Command
		want  []domain.Event
		err   error
	}{
		{"create", webhookendpoint.State{}, create, []domain.Event{webhookendpoint.Created{EndpointID: "W1", URL: create.URL,
			Events: []string{"person.", "session.created"}, Secret: "whsec_x", At: at}}, nil},
		{"create twice", live, create, nil, webhookendpoint.ErrExists},
		{"no events", webhookendpoint.State{}, withEvents(create), nil, webhookendpoint.ErrNoEvents},
		{"bad pattern", webhookendpoint.State{}, withEvents(create, "Person.*"), nil, webhookendpoint.ErrEventPattern},
		{"leading dot", webhookendpoint.State{}, withEvents(create, ".x"), nil, webhookendpoint.ErrEventPattern},
		{"ftp url", webhookendpoint.State{}, withURL(create, "ftp://x"), nil, webhookendpoint.ErrURL},
		{"update url and pii", live, webhookendpoint.Update{URL: &newURL, IncludePII: &pii, At: at}, []domain.Event{
			webhookendpoint.Updated{EndpointID: "W1", URL: newURL, Events: []string{"person."}, IncludePII: true, At: at}}, nil},
		{"update nothing new", live, webhookendpoint.Update{Events: []string{"person."}, At: at}, nil, nil},
		{"update unknown", webhookendpoint.State{}, webhookendpoint.Update{At: at}, nil, webhookendpoint.ErrNotFound},
		{"disable", live, webhookendpoint.Disable{Reason: webhookendpoint.ReasonFailing, LastError: "500", At: at},
			[]domain.Event{webhookendpoint.Disabled{EndpointID: "W1", Reason: "failing", LastError: "500", At: at}}, nil},
		{"disable disabled", off, webhookendpoint.Disable{Reason: webhookendpoint.ReasonOperator, At: at}, nil, nil},
		{"disable bad reason", live, webhookendpoint.Disable{Reason: "bored", At: at}, nil, webhookendpoint.ErrReason},
		{"enable", off, webhookendpoint.Enable{At: at}, []domain.Event{webhookendpoint.Enabled{EndpointID: "W1", At: at}}, nil},
		{"enable enabled", live, webhookendpoint.Enable{At: at}, nil, nil},
		{"replay", live, webhookendpoint.Replay{After: "3.0", At: at}, []domain.Event{
			webhookendpoint.Replayed{EndpointID: "W1", After: "3.0", Seq: 1, At: at}}, nil},
		{"delete", live, webhookendpoint.Delete{At: at}, []domain.Event{webhookendpoint.Deleted{EndpointID: "W1", At: at}}, nil},
		{"delete deleted", gone, webhookendpoint.Delete{At: at}, nil, webhookendpoint.ErrNotFound},
		{"enable deleted", gone, webhookendpoint.Enable{At: at}, nil, webhookendpoint.ErrNotFound},
	}
	for _, tt := range tests {
		got, err := d.Decide(tt.state, tt.cmd)
		if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %+v %v, want %+v %v", tt.name, got, err, tt.want, tt.err)
		}
	}
}

// TestMatches covers exact types and prefixes.
func TestMatches(t *testing.T) {
	tests := []struct {
		patterns []string
		typ      string
		want     bool
	}{
		{[]string{"person."}, "person.signed_up", true},
		{[]string{"person."}, "personal.x", false},
		{[]string{"session.created"}, "session.created", true},
		{[]string{"session.created"}, "session.created_again", false},
		{[]string{"session."}, "person.signed_up", false},
	}
	for _, tt := range tests {
		if got := webhookendpoint.Matches(tt.patterns, tt.typ); got != tt.want {
			t.Errorf("Matches(%v, %q) = %v, want %v", tt.patterns, tt.typ, got, tt.want)
		}
	}
}

func withEvents(c webhookendpoint.Create, e ...string) webhookendpoint.Create { c.Events = e; return c }
func withURL(c webhookendpoint.Create, u string) webhookendpoint.Create       { c.URL = u; return c }
