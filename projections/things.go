package projections

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/ontology"
)

// ThingsName is the checkpoint name of the things projector.
const ThingsName = "things.v1"

// KindSession is the Thing kind of a session.
const KindSession = "session"

// sessionData is the Data object of a session thing, named as Better Auth
// names the session columns.
type sessionData struct {
	IPAddress  string `json:"ipAddress"`
	UserAgent  string `json:"userAgent"`
	RememberMe bool   `json:"rememberMe"`
}

// Things returns the things.v1 projector: one ontology.Thing of kind
// "session" per session, owned by its person, with status "active",
// "revoked" or "expired"; a refresh moves ExpiresAt. Invitations are
// things too (groupThings).
func Things() Projector {
	handlers := map[string]applyFunc{
		session.TypeCreated:   on(thingsSessionCreated),
		session.TypeRefreshed: on(thingsSessionRefreshed),
		session.TypeRevoked: on(func(ctx context.Context, w ontology.Writer, e session.Revoked) error {
			return setSessionStatus(ctx, w, e.SessionID, session.StatusRevoked, e.At)
		}),
		session.TypeExpired: on(func(ctx context.Context, w ontology.Writer, e session.Expired) error {
			return setSessionStatus(ctx, w, e.SessionID, session.StatusExpired, e.At)
		}),
	}
	handlers[person.TypeErased] = on(eraseSubject)
	maps.Copy(handlers, groupThings())
	maps.Copy(handlers, passkeyThings())
	return withTwoFactor(&table{
		name: ThingsName,
		on:   handlers,
	}, twoFactorThings())
}

func thingsSessionCreated(ctx context.Context, w ontology.Writer, e session.Created) error {
	data, err := json.Marshal(sessionData{IPAddress: e.IP, UserAgent: e.UserAgent, RememberMe: e.RememberMe})
	if err != nil {
		return err
	}
	exp := e.ExpiresAt
	return w.PutThing(ctx, ontology.Thing{
		ID: e.SessionID, Kind: KindSession, OwnerID: e.PersonID, Status: session.StatusActive,
		Data: data, CreatedAt: e.At, UpdatedAt: e.At, ExpiresAt: &exp,
	})
}

func thingsSessionRefreshed(ctx context.Context, w ontology.Writer, e session.Refreshed) error {
	t, err := getSession(ctx, w, e.SessionID)
	if err != nil {
		return err
	}
	exp := e.ExpiresAt
	t.ExpiresAt, t.UpdatedAt = &exp, e.At
	return w.PutThing(ctx, t)
}

func setSessionStatus(ctx context.Context, w ontology.Writer, id, status string, at time.Time) error {
	t, err := getSession(ctx, w, id)
	if err != nil {
		return err
	}
	t.Status, t.UpdatedAt = status, at
	return w.PutThing(ctx, t)
}

// getSession reads a session thing, failing with ErrMissingRow when the
// session was never projected.
func getSession(ctx context.Context, w ontology.Writer, id string) (ontology.Thing, error) {
	t, err := w.GetThing(ctx, id)
	if errors.Is(err, ontology.ErrNotFound) {
		return t, fmt.Errorf("%w: session %s", ErrMissingRow, id)
	}
	return t, err
}
