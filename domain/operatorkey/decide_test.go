package operatorkey_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/operatorkey"
)

var at = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// TestDecide covers every command on the states that matter.
func TestDecide(t *testing.T) {
	d := operatorkey.NewDecider()
	later := at.Add(time.Hour)
	create := operatorkey.Create{ID: "K1", Name: "auditor", Scopes: []string{"audit:read", "audit:pii", "audit:read"},
		SecretHash: strings.Repeat("ab", 32), ExpiresAt: &later, At: at}
	live := d.Fold([]domain.Event{operatorkey.Created{KeyID: "K1", Name: "auditor", Scopes: []string{"audit:read"}, At: at}})
	revoked := d.Evolve(live, operatorkey.Revoked{KeyID: "K1", At: at})
	tests := []struct {
		name  string
		state operatorkey.State
		cmd   operatorkey.Command
		want  []domain.Event
		err   error
	}{
		{"create", operatorkey.State{}, create, []domain.Event{operatorkey.Created{KeyID: "K1", Name: "auditor",
			Scopes: []string{"audit:pii", "audit:read"}, SecretHash: create.SecretHash, ExpiresAt: &later, At: at}}, nil},
		{"create twice", live, create, nil, operatorkey.ErrExists},
		{"unknown scope", operatorkey.State{}, withScopes(create, "audit:write"), nil, operatorkey.ErrUnknownScope},
		{"no scopes", operatorkey.State{}, withScopes(create), nil, operatorkey.ErrNoScopes},
		{"expiry now", operatorkey.State{}, withExpiry(create, at), nil, operatorkey.ErrExpiryPast},
		{"name with newline", operatorkey.State{}, withName(create, "a\nb"), nil, operatorkey.ErrInvalidName},
		{"name too long", operatorkey.State{}, withName(create, strings.Repeat("é", 65)), nil, operatorkey.ErrInvalidName},
		{"longest name", operatorkey.State{}, withScopes(withExpiry(withName(create, strings.Repeat("é", 64)), later), "audit:read"),
			[]domain.Event{operatorkey.Created{KeyID: "K1", Name: strings.Repeat("é", 64), Scopes: []string{"audit:read"},
				SecretHash: create.SecretHash, ExpiresAt: &later, At: at}}, nil},
		{"revoke", live, operatorkey.Revoke{At: at}, []domain.Event{operatorkey.Revoked{KeyID: "K1", At: at}}, nil},
		{"revoke revoked", revoked, operatorkey.Revoke{At: at}, nil, nil},
		{"revoke unknown", operatorkey.State{}, operatorkey.Revoke{At: at}, nil, operatorkey.ErrNotFound},
	}
	for _, tt := range tests {
		got, err := d.Decide(tt.state, tt.cmd)
		if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %+v %v, want %+v %v", tt.name, got, err, tt.want, tt.err)
		}
	}
	if !revoked.Has("audit:read") || revoked.RevokedAt == nil || live.Expired(at.Add(time.Hour*1e4)) {
		t.Errorf("fold: %+v", revoked)
	}
}

func withScopes(c operatorkey.Create, s ...string) operatorkey.Create { c.Scopes = s; return c }
func withName(c operatorkey.Create, n string) operatorkey.Create      { c.Name = n; return c }
func withExpiry(c operatorkey.Create, e time.Time) operatorkey.Create { c.ExpiresAt = &e; return c }
