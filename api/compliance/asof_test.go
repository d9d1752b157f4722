package compliance_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// TestAsOf: a person's state at the sign-up, at the head and before the
// log; invalid requests are refused before anything is appended.
func TestAsOf(t *testing.T) {
	f := newFixture(t, compliance.Deps{}, false)
	alice, _ := f.signUp("alice@example.com", "Alice")
	signedUp := f.Head(t)
	newName := "Alice Liddell"
	_, err := f.App.Commit(context.Background(), caller.Meta(alice, f.App.Now()), alice, mustDecide(t, f, alice,
		person.UpdateProfile{Name: &newName, At: f.App.Now()}))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		in       compliance.AsOfInput
		wantName string
		wantCode domain.Code
		recorded bool
	}{
		{"at the sign-up", compliance.AsOfInput{At: compliance.AtPosition(signedUp), PersonID: alice}, "Alice", "", true},
		{"at the head", compliance.AsOfInput{At: compliance.AtPosition(f.Head(t)), PersonID: alice}, newName, "", true},
		{"far future", compliance.AsOfInput{At: compliance.AtTime(time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC)), PersonID: alice}, newName, "", true},
		{"before the log", compliance.AsOfInput{At: compliance.AtTime(time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)), PersonID: alice}, "", domain.CodeNotFound, true},
		{"person and group", compliance.AsOfInput{At: compliance.AtPosition(signedUp), PersonID: alice, GroupID: alice}, "", domain.CodeValidation, false},
		{"neither", compliance.AsOfInput{At: compliance.AtPosition(signedUp)}, "", domain.CodeValidation, false},
	}
	for _, tt := range tests {
		before := f.Head(t)
		tt.in.Reader = admin
		res, err := f.svc.AsOf(context.Background(), tt.in)
		var de *domain.Error
		switch {
		case tt.wantCode != "" && (!errors.As(err, &de) || de.Code != tt.wantCode):
			t.Errorf("%s: err %v, want %s", tt.name, err, tt.wantCode)
		case tt.wantCode == "" && (err != nil || res.Person == nil || res.Person.Name != tt.wantName || res.Version == 0):
			t.Errorf("%s: %+v %v", tt.name, res, err)
		}
		if got := len(f.TypesSince(t, before)); (got == 1) != tt.recorded {
			t.Errorf("%s: appended %d records", tt.name, got)
		}
	}
}

// mustDecide decides cmd on the person's stream.
func mustDecide(t *testing.T, f *fixture, id string, cmd person.Command) eventstore.Change {
	t.Helper()
	st, v, err := app.Load(context.Background(), f.App, person.NewDecider(), domain.PersonStream(id))
	if err != nil {
		t.Fatal(err)
	}
	evs, err := person.Decide(st, cmd)
	if err != nil {
		t.Fatal(err)
	}
	return eventstore.Change{Stream: domain.PersonStream(id), Expected: eventstore.Exactly(v), Events: evs}
}

func TestParseBound(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"0.5", "0.5", true},
		{"2026-11-27T09:00:00Z", "2026-11-27T09:00:00Z", true},
		{"2026-11-27T09:00:00.123+01:00", "2026-11-27T09:00:00.123+01:00", true},
		{"", "", false},
		{"yesterday", "", false},
	}
	for _, tt := range tests {
		b, err := compliance.ParseBound("at", tt.in)
		if (err == nil) != tt.ok || (tt.ok && b.String() != tt.want) {
			t.Errorf("ParseBound(%q) = %v, %v", tt.in, b, err)
		}
		var de *domain.Error
		if err != nil && (!errors.As(err, &de) || de.Message != "at must be an RFC 3339 time or a log position") {
			t.Errorf("ParseBound(%q) error %v", tt.in, err)
		}
	}
}
