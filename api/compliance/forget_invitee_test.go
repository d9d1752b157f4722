package compliance_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
)

// invitationEmail seals an invitation of addr the way api/orgs does and
// reads it back: "" once the address's key is destroyed.
func invitationEmail(t *testing.T, f *fixture, d eventstore.EventData) string {
	t.Helper()
	ev, _, err := f.App.Codec.Decode(context.Background(), eventstore.Record{ID: d.ID, Stream: "group-G1", Version: 1,
		Type: d.Type, Schema: d.Schema, Data: d.Data, Meta: d.Meta, KeyRef: d.KeyRef, OccurredAt: d.OccurredAt})
	if err != nil {
		t.Fatal(err)
	}
	return ev.(group.InvitationCreated).Email
}

func sealInvitation(t *testing.T, f *fixture, addr string) eventstore.EventData {
	t.Helper()
	ev := group.InvitationCreated{GroupID: "G1", InvitationID: "I1", Email: addr, EmailKey: f.App.InviteeKey(addr),
		Role: "member", ExpiresAt: time.Now().Add(time.Hour), Actor: "P1", At: time.Now()}
	d, err := f.App.Codec.Encode(context.Background(), ev, domain.Metadata{OccurredAt: time.Now()}, group.Stream("G1"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestForgetEmail: forget --email destroys the invitee key of an address
// nobody holds (its invitations then read empty) and tells the listener;
// an address with an account is refused with ADDRESS_HAS_ACCOUNT, and a
// malformed one with INVALID_EMAIL. Erasing a person destroys the key
// of their address too.
func TestForgetEmail(t *testing.T) {
	erased := 0
	f := newFixture(t, compliance.Deps{Erased: func() { erased++ }}, true)
	alice, _ := f.signUp("alice@example.com", "Alice")
	ivy := sealInvitation(t, f, "ivy@example.com")
	forAlice := sealInvitation(t, f, "alice@example.com")
	if invitationEmail(t, f, ivy) != "ivy@example.com" || invitationEmail(t, f, forAlice) != "alice@example.com" {
		t.Fatal("the invitations do not open before any erasure")
	}
	tests := []struct {
		name, addr string
		code       domain.Code
	}{
		{"malformed", "not an address", domain.CodeInvalidEmail},
		{"has an account", "Alice@Example.com", compliance.CodeAddressHasAccount},
		{"invited only", "IVY@example.com", ""},
		{"again", "ivy@example.com", ""},
	}
	for _, tt := range tests {
		err := f.svc.ForgetEmail(context.Background(), compliance.ForgetEmailInput{Caller: caller, Actor: "admin", Email: tt.addr})
		var de *domain.Error
		if (tt.code == "") != (err == nil) || (tt.code != "" && (!errors.As(err, &de) || de.Code != tt.code)) {
			t.Errorf("%s: err %v, want code %q", tt.name, err, tt.code)
		}
	}
	if invitationEmail(t, f, ivy) != "" || erased != 2 {
		t.Errorf("after forget --email: ivy's invitation reads %q, listener called %d times", invitationEmail(t, f, ivy), erased)
	}
	if invitationEmail(t, f, forAlice) != "alice@example.com" {
		t.Error("a refused forget --email destroyed the account holder's invitee key")
	}
	if err := f.App.Settle(context.Background(), f.Head(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Forget(context.Background(), compliance.ForgetInput{Caller: caller, Actor: "admin", PersonID: alice}); err != nil {
		t.Fatal(err)
	}
	if got := invitationEmail(t, f, forAlice); got != "" || erased != 3 {
		t.Errorf("after erasing alice her invitation reads %q, listener called %d times", got, erased)
	}
}
