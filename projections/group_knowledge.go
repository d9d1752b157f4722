package projections

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// Fact keys about organizations.
const (
	FactMemberCount    = "member_count"     // JSON number
	FactLastActivityAt = "last_activity_at" // JSON string, RFC 3339 UTC
)

// groupKnowledge are the knowledge.v1 handlers of group.* events: every
// event of a live organization stamps last_activity_at; member_count
// follows joins and departures. A deleted organization's facts are
// removed.
func groupKnowledge() map[string]applyFunc {
	out := map[string]applyFunc{}
	for _, typ := range append([]string{group.TypeCreated, group.TypeUpdated}, groupMembershipTypes()...) {
		out[typ] = groupActivity
	}
	out[group.TypeDeleted] = on(func(ctx context.Context, w ontology.Writer, e group.Deleted) error {
		if err := w.DeleteFact(ctx, e.GroupID, FactMemberCount); err != nil {
			return err
		}
		return w.DeleteFact(ctx, e.GroupID, FactLastActivityAt)
	})
	return out
}

// groupActivity stamps the organization's last activity and adjusts its
// member count.
func groupActivity(ctx context.Context, w ontology.Writer, _ eventstore.Record, ev domain.Event, _ domain.Metadata) error {
	id, at, delta := groupEventFacts(ev)
	if id == "" {
		return ErrUnexpectedEvent
	}
	facts := []kv{{FactLastActivityAt, timeValue(at)}}
	if delta != 0 {
		n, err := memberCount(ctx, w, id)
		if err != nil {
			return err
		}
		facts = append(facts, kv{FactMemberCount, n + delta})
	} else if _, ok := ev.(group.Created); ok {
		facts = append(facts, kv{FactMemberCount, 0})
	}
	return putFacts(ctx, w, id, at, facts...)
}

// memberCount reads the stored member count (0 when absent).
func memberCount(ctx context.Context, w ontology.Writer, id string) (int, error) {
	f, err := w.GetFact(ctx, id, FactMemberCount)
	if errors.Is(err, ontology.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var n int
	err = json.Unmarshal(f.Value, &n)
	return n, err
}

// groupEventFacts returns an organization event's group id, time and
// member count change.
func groupEventFacts(ev domain.Event) (id string, at time.Time, delta int) {
	switch e := ev.(type) {
	case group.Created:
		return e.GroupID, e.At, 0
	case group.Updated:
		return e.GroupID, e.At, 0
	case group.MemberAdded:
		return e.GroupID, e.At, 1
	case group.MemberRemoved:
		return e.GroupID, e.At, -1
	case group.MemberLeft:
		return e.GroupID, e.At, -1
	case group.MemberRoleChanged:
		return e.GroupID, e.At, 0
	}
	return invitationFacts(ev)
}

func invitationFacts(ev domain.Event) (string, time.Time, int) {
	switch e := ev.(type) {
	case group.InvitationCreated:
		return e.GroupID, e.At, 0
	case group.InvitationResent:
		return e.GroupID, e.At, 0
	case group.InvitationAccepted:
		return e.GroupID, e.At, 0
	case group.InvitationRejected:
		return e.GroupID, e.At, 0
	case group.InvitationCanceled:
		return e.GroupID, e.At, 0
	case group.InvitationExpired:
		return e.GroupID, e.At, 0
	case group.Deleted:
		return e.GroupID, e.At, 0
	}
	return "", time.Time{}, 0
}
