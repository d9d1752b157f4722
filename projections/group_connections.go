package projections

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/ontology"
)

// Relations and kinds of organization edges.
const (
	RelationMemberOf  = "member_of"
	RelationInvitedTo = "invited_to"
	KindInvitation    = "invitation"
)

// memberData is the Data object of a member_of edge.
type memberData struct {
	MemberID string `json:"memberId"`
}

// groupConnections are the connections.v1 handlers of group.* events: a
// person→group "member_of" edge (Role, Data {memberId}) per current
// membership and an invitation→group "invited_to" edge (Role) per pending
// invitation. Removing, leaving and answering delete the edge. A deleted
// organization's edges stay (the projector has no member list); readers
// join with the groups dimension, whose row is gone.
func groupConnections() map[string]applyFunc {
	return map[string]applyFunc{
		group.TypeMemberAdded: on(func(ctx context.Context, w ontology.Writer, e group.MemberAdded) error {
			data, err := json.Marshal(memberData{MemberID: e.MemberID})
			if err != nil {
				return err
			}
			return w.PutConnection(ctx, ontology.Connection{ID: ConnectionID(e.PersonID, RelationMemberOf, e.GroupID),
				FromKind: KindPerson, FromID: e.PersonID, Relation: RelationMemberOf, ToKind: KindGroup, ToID: e.GroupID,
				Role: e.Role, Data: data, CreatedAt: e.At, UpdatedAt: e.At})
		}),
		group.TypeMemberRoleChanged: on(connRoleChanged),
		group.TypeMemberRemoved: on(func(ctx context.Context, w ontology.Writer, e group.MemberRemoved) error {
			return w.DeleteConnection(ctx, ConnectionID(e.PersonID, RelationMemberOf, e.GroupID))
		}),
		group.TypeMemberLeft: on(func(ctx context.Context, w ontology.Writer, e group.MemberLeft) error {
			return w.DeleteConnection(ctx, ConnectionID(e.PersonID, RelationMemberOf, e.GroupID))
		}),
		group.TypeInvitationCreated: on(func(ctx context.Context, w ontology.Writer, e group.InvitationCreated) error {
			return w.PutConnection(ctx, ontology.Connection{ID: ConnectionID(e.InvitationID, RelationInvitedTo, e.GroupID),
				FromKind: KindInvitation, FromID: e.InvitationID, Relation: RelationInvitedTo, ToKind: KindGroup,
				ToID: e.GroupID, Role: e.Role, CreatedAt: e.At, UpdatedAt: e.At})
		}),
		group.TypeInvitationAccepted: on(func(ctx context.Context, w ontology.Writer, e group.InvitationAccepted) error {
			return dropInvitationEdge(ctx, w, e.InvitationID, e.GroupID)
		}),
		group.TypeInvitationRejected: on(func(ctx context.Context, w ontology.Writer, e group.InvitationRejected) error {
			return dropInvitationEdge(ctx, w, e.InvitationID, e.GroupID)
		}),
		group.TypeInvitationCanceled: on(func(ctx context.Context, w ontology.Writer, e group.InvitationCanceled) error {
			return dropInvitationEdge(ctx, w, e.InvitationID, e.GroupID)
		}),
		group.TypeInvitationExpired: on(func(ctx context.Context, w ontology.Writer, e group.InvitationExpired) error {
			return dropInvitationEdge(ctx, w, e.InvitationID, e.GroupID)
		}),
	}
}

func dropInvitationEdge(ctx context.Context, w ontology.Writer, invitationID, groupID string) error {
	return w.DeleteConnection(ctx, ConnectionID(invitationID, RelationInvitedTo, groupID))
}

func connRoleChanged(ctx context.Context, w ontology.Writer, e group.MemberRoleChanged) error {
	id := ConnectionID(e.PersonID, RelationMemberOf, e.GroupID)
	c, err := w.GetConnection(ctx, id)
	if errors.Is(err, ontology.ErrNotFound) {
		return fmt.Errorf("%w: membership %s", ErrMissingRow, id)
	}
	if err != nil {
		return err
	}
	c.Role, c.UpdatedAt = e.Role, e.At
	return w.PutConnection(ctx, c)
}
