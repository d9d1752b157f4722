package eventstore_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
)

// invited holds an address sealed with its own key (named by EmailKey)
// beside a reason sealed with the record's key.
type invited struct {
	GroupID  string `json:"groupId"`
	Email    string `json:"email" pii:"true" keyref:"EmailKey"`
	EmailKey string `json:"emailKey,omitempty"`
	Reason   string `json:"reason,omitempty" pii:"true"`
}

func (invited) EventType() string { return "test.invited" }

type badKeyRef struct {
	Email string `json:"email" pii:"true" keyref:"Missing"`
}

func (badKeyRef) EventType() string { return "test.bad_keyref" }

func keyrefFixture(t *testing.T) (*eventstore.Codec, *eventstore.Keyring) {
	t.Helper()
	r := eventstore.NewRegistry()
	eventstore.Register[invited](r, 1)
	s := memory.New()
	t.Cleanup(func() { _ = s.Close() })
	k := eventstore.NewKeyring(s.Keys(), eventstore.DeriveKEK([]byte("test secret")))
	return eventstore.NewCodec(r, k), k
}

// TestCodecOwnKeyField: a keyref field is sealed with its own key; when
// that key is destroyed the field opens as empty while the record's own
// PII stays readable, and the reverse holds for the record's key.
func TestCodecOwnKeyField(t *testing.T) {
	tests := []struct {
		name       string
		ev         invited
		forget     string
		wantEmail  string
		wantReason string
	}{
		{"both keys", invited{GroupID: "g1", Email: "ann@example.org", EmailKey: "invitee-a", Reason: "why"}, "", "ann@example.org", "why"},
		{"address key destroyed", invited{GroupID: "g1", Email: "ann@example.org", EmailKey: "invitee-a", Reason: "why"}, "invitee-a", "", "why"},
		{"record key destroyed", invited{GroupID: "g1", Email: "ann@example.org", EmailKey: "invitee-a", Reason: "why"}, "group-g1", "ann@example.org", ""},
		{"no own key: the record's key", invited{GroupID: "g1", Email: "ann@example.org", Reason: "why"}, "invitee-a", "ann@example.org", "why"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			codec, keys := keyrefFixture(t)
			ctx := context.Background()
			d, err := codec.Encode(ctx, tc.ev, domain.Metadata{}, "group-g1")
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(d.Data), tc.ev.Email) || strings.Contains(string(d.Data), `"why"`) {
				t.Fatalf("plaintext stored: %s", d.Data)
			}
			if tc.forget != "" {
				if err := keys.Forget(ctx, tc.forget); err != nil {
					t.Fatal(err)
				}
			}
			got, _, err := codec.Decode(ctx, record(d))
			if err != nil {
				t.Fatal(err)
			}
			g := got.(invited)
			if g.Email != tc.wantEmail || g.Reason != tc.wantReason || g.EmailKey != tc.ev.EmailKey {
				t.Errorf("decoded %+v, want email %q reason %q", g, tc.wantEmail, tc.wantReason)
			}
		})
	}
}

// TestCodecOwnKeyNotMovable: a value sealed under one address key does
// not open when the record names another address key.
func TestCodecOwnKeyNotMovable(t *testing.T) {
	codec, _ := keyrefFixture(t)
	ctx := context.Background()
	a, _ := codec.Encode(ctx, invited{GroupID: "g1", Email: "ann@example.org", EmailKey: "invitee-a"}, domain.Metadata{}, "group-g1")
	b, _ := codec.Encode(ctx, invited{GroupID: "g1", Email: "bob@example.org", EmailKey: "invitee-b"}, domain.Metadata{}, "group-g1")
	moved := strings.Replace(string(b.Data), "invitee-b", "invitee-a", 1)
	rec := record(b)
	rec.Data = []byte(moved)
	if _, _, err := codec.Decode(ctx, rec); err == nil {
		t.Errorf("a value sealed for invitee-b opened under invitee-a (%s / %s)", a.Data, moved)
	}
}

// TestRegisterBadKeyRef: a keyref naming no field of the struct is
// refused when the type is registered.
func TestRegisterBadKeyRef(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("Register accepted a keyref to a missing field (%v)", reflect.TypeFor[badKeyRef]())
		}
	}()
	eventstore.Register[badKeyRef](eventstore.NewRegistry(), 1)
}
