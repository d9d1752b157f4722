package projections

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
	"github.com/google/go-cmp/cmp"
)

// TestApplyRefusesMissingRows: events about rows a projector never
// created stop it with ErrMissingRow instead of being dropped.
func TestApplyRefusesMissingRows(t *testing.T) {
	at := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	const id = "nobody00000000000000000000000001"
	tests := []struct {
		name string
		p    Projector
		ev   domain.Event
	}{
		{"profile of unknown person", People(), person.ProfileUpdated{PersonID: id, SetName: true, Name: "X", At: at}},
		{"ban of unknown person", People(), person.Banned{PersonID: id, At: at}},
		{"unban of unknown person", People(), person.Unbanned{PersonID: id, At: at}},
		{"refresh of unknown session", Things(), session.Refreshed{SessionID: id, PersonID: id, At: at}},
		{"revoke of unknown session", Things(), session.Revoked{SessionID: id, PersonID: id, At: at}},
		{"expiry of unknown session", Things(), session.Expired{SessionID: id, PersonID: id, At: at}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := applyInTx(t, tt.p, tt.ev)
			if !errors.Is(err, ErrMissingRow) {
				t.Fatalf("Apply = %v, want ErrMissingRow", err)
			}
		})
	}
}

// TestApplyRejectsMismatchedEvent: a record whose type name decoded into
// another Go type is a registry error, never a silent no-op.
func TestApplyRejectsMismatchedEvent(t *testing.T) {
	for _, p := range []Projector{People(), Events()} {
		err := applyRecord(t, p, eventstore.Record{Type: person.TypeSignedUp}, session.Created{})
		if !errors.Is(err, ErrUnexpectedEvent) {
			t.Errorf("%s: Apply = %v, want ErrUnexpectedEvent", p.Name(), err)
		}
	}
}

// TestApplyRejectsBadFields: additional fields must be a JSON object.
func TestApplyRejectsBadFields(t *testing.T) {
	for _, fields := range []string{`[1]`, `"x"`, `{`, `null`} {
		err := applyInTx(t, People(), person.SignedUp{PersonID: "p0000000000000000000000000000001",
			Email: "a@example.com", Fields: fields, At: time.Now()})
		if !errors.Is(err, ErrBadFields) {
			t.Errorf("fields %s: Apply = %v, want ErrBadFields", fields, err)
		}
	}
}

func applyInTx(t *testing.T, p Projector, ev domain.Event) error {
	t.Helper()
	return applyRecord(t, p, eventstore.Record{Type: ev.EventType(), Position: eventstore.Position{Lo: 1}}, ev)
}

func applyRecord(t *testing.T, p Projector, rec eventstore.Record, ev domain.Event) error {
	t.Helper()
	ctx := context.Background()
	tx := memTx(t)
	return p.Apply(ctx, tx, rec, ev, domain.Metadata{})
}

func TestMergeFields(t *testing.T) {
	tests := []struct {
		name    string
		base    string
		changed string
		want    string
	}{
		{"nothing", "", "", ""},
		{"base only", `{"a":1}`, "", `{"a":1}`},
		{"first fields", "", `{"a":1}`, `{"a":1}`},
		{"overlay wins per key", `{"a":1,"b":{"x":1}}`, `{"b":{"y":2},"c":"z"}`, `{"a":1,"b":{"y":2},"c":"z"}`},
		{"null clears", `{"a":1}`, `{"a":null}`, `{"a":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var base json.RawMessage
			if tt.base != "" {
				base = json.RawMessage(tt.base)
			}
			got, err := mergeFields(base, tt.changed)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if got != nil {
					t.Fatalf("got %s, want nil", got)
				}
				return
			}
			var g, w any
			if err := json.Unmarshal(got, &g); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tt.want), &w); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(g, w); diff != "" {
				t.Errorf("(-got +want):\n%s", diff)
			}
		})
	}
}

// FuzzMergeFields: any input either fails with ErrBadFields or yields a
// JSON object holding every overlay key with the overlay's value.
func FuzzMergeFields(f *testing.F) {
	f.Add(`{"a":1}`, `{"b":2}`)
	f.Add(``, `{"a":[1,2]}`)
	f.Add(`{"a":1}`, `[]`)
	f.Add(`{"a":{"b":1}}`, `{"a":null}`)
	f.Fuzz(func(t *testing.T, base, changed string) {
		if !json.Valid([]byte(base)) || !strings.HasPrefix(strings.TrimSpace(base), "{") {
			base = ""
		}
		got, err := mergeFields(json.RawMessage(base), changed)
		if err != nil {
			if !errors.Is(err, ErrBadFields) {
				t.Fatalf("error %v does not wrap ErrBadFields", err)
			}
			return
		}
		if changed == "" {
			return
		}
		var merged, overlay map[string]any
		if err := json.Unmarshal(got, &merged); err != nil {
			t.Fatalf("merged %s is not an object: %v", got, err)
		}
		if err := json.Unmarshal([]byte(changed), &overlay); err != nil {
			t.Fatalf("accepted overlay %q does not parse: %v", changed, err)
		}
		for k, v := range overlay {
			if diff := cmp.Diff(merged[k], v); diff != "" {
				t.Errorf("key %q (-merged +overlay):\n%s", k, diff)
			}
		}
	})
}

// TestEventsRowsHoldNoPII: the audit rows of every testdata stream carry
// no email, name, image, fields, IP, user agent, password or token hash.
func TestEventsRowsHoldNoPII(t *testing.T) {
	secretKeys := map[string]bool{"email": true, "name": true, "image": true, "fields": true, "ip": true,
		"userAgent": true, "passwordHash": true, "tokenHash": true, "reason": true}
	for _, name := range []string{"lifecycle", "security", "moderation"} {
		var secrets []string
		for _, e := range loadStream(t, "testdata/"+name+".events.json") {
			var data map[string]any
			if err := json.Unmarshal(e.Data, &data); err != nil {
				t.Fatal(err)
			}
			for k, v := range data {
				if s, ok := v.(string); ok && secretKeys[k] && len(s) > 3 && !isReasonCode(e.Type, k) {
					secrets = append(secrets, s)
				}
			}
			secrets = append(secrets, e.Meta.IP, e.Meta.UserAgent)
		}
		raw, err := os.ReadFile("testdata/" + name + ".events.golden.json")
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if s != "" && strings.Contains(string(raw), s) {
				t.Errorf("%s events rows contain %q", name, s)
			}
		}
	}
}

// isReasonCode tells the machine reason codes of sign-in failures and
// revocations (not personal) from the free-text ban reason (personal).
func isReasonCode(eventType, key string) bool {
	return key == "reason" && (eventType == account.TypeSignInFailed || eventType == session.TypeRevoked)
}
