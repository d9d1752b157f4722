package projections

import (
	"context"
	"encoding/json"
	"maps"

	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/ontology"
)

// ConnectionsName is the checkpoint name of the connections projector.
const ConnectionsName = "connections.v1"

// Relations and entity kinds of the connections dimension.
const (
	RelationHasAccount = "has_account"
	// RelationLinkedAccount is the edge to an external (social) account
	// linked to the person; has_account is the credential account's.
	RelationLinkedAccount = "linked_account"
	RelationOwns          = "owns"
	KindPerson            = "person"
	KindAccount           = "account"
)

// Connections returns the connections.v1 projector: a person→account
// edge per account, "has_account" for the credential (email + password)
// account and "linked_account" for an external one (Data {"providerId"};
// deleted when the account is unlinked), and a person→session
// "owns" edge per live session, and the organization edges of
// groupConnections.
//
// Connections are current relationships: a revoked or expired session's
// "owns" edge is deleted. The session's history stays in the things row
// (status, owner) and in the events dimension, so "the sessions a person
// can use now" is one query on connections.
func Connections() Projector {
	handlers := map[string]applyFunc{
		account.TypeCreated: on(connAccountCreated),
		account.TypeUnlinked: on(func(ctx context.Context, w ontology.Writer, e account.Unlinked) error {
			return w.DeleteConnection(ctx, ConnectionID(e.PersonID, accountRelation(e.ProviderID), e.AccountID))
		}),
		session.TypeCreated: on(connSessionCreated),
		session.TypeRevoked: on(func(ctx context.Context, w ontology.Writer, e session.Revoked) error {
			return w.DeleteConnection(ctx, ConnectionID(e.PersonID, RelationOwns, e.SessionID))
		}),
		session.TypeExpired: on(func(ctx context.Context, w ontology.Writer, e session.Expired) error {
			return w.DeleteConnection(ctx, ConnectionID(e.PersonID, RelationOwns, e.SessionID))
		}),
	}
	handlers[person.TypeErased] = on(eraseSubject)
	maps.Copy(handlers, groupConnections())
	return withTwoFactor(&table{
		name: ConnectionsName,
		on:   handlers,
	}, nil)
}

// ConnectionID is the row id of the edge from→to with the relation:
// "<from>.<relation>.<to>" (ids are alphanumeric, so it is unambiguous).
func ConnectionID(fromID, relation, toID string) string {
	return fromID + "." + relation + "." + toID
}

func connAccountCreated(ctx context.Context, w ontology.Writer, e account.Created) error {
	data, err := json.Marshal(struct {
		ProviderID string `json:"providerId"`
	}{e.ProviderID})
	if err != nil {
		return err
	}
	rel := accountRelation(e.ProviderID)
	return w.PutConnection(ctx, ontology.Connection{
		ID: ConnectionID(e.PersonID, rel, e.AccountID), FromKind: KindPerson, FromID: e.PersonID,
		Relation: rel, ToKind: KindAccount, ToID: e.AccountID, Data: data,
		CreatedAt: e.At, UpdatedAt: e.At,
	})
}

func connSessionCreated(ctx context.Context, w ontology.Writer, e session.Created) error {
	return w.PutConnection(ctx, ontology.Connection{
		ID: ConnectionID(e.PersonID, RelationOwns, e.SessionID), FromKind: KindPerson, FromID: e.PersonID,
		Relation: RelationOwns, ToKind: KindSession, ToID: e.SessionID, CreatedAt: e.At, UpdatedAt: e.At,
	})
}

// accountRelation is the relation of a person to an account of provider.
func accountRelation(providerID string) string {
	if providerID == account.ProviderCredential {
		return RelationHasAccount
	}
	return RelationLinkedAccount
}
