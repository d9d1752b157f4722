package projections

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/ontology"
)

// Invitation statuses of the things dimension (Better Auth's names).
const (
	InvitationPending  = "pending"
	InvitationAccepted = "accepted"
	InvitationRejected = "rejected"
	InvitationCanceled = "canceled"
	InvitationExpired  = "expired"
)

// invitationData is the Data object of an invitation thing. The invited
// email is deliberately absent: it is personal data of someone who may
// have no account (hence no person key and no erasure path through
// DeleteSubject), so it stays only in the group stream, sealed with the
// group's key. Readers that need it (get-invitation, list-invitations)
// read the group stream.
type invitationData struct {
	OrganizationID string `json:"organizationId"`
	Role           string `json:"role"`
	InviterID      string `json:"inviterId"`
	MemberID       string `json:"memberId,omitempty"` // set on accept
}

// groupThings are the things.v1 handlers of group.* events: one Thing of
// kind "invitation" per invitation, owned by its organization (OwnerID =
// group id), with status pending/accepted/rejected/canceled/expired and
// ExpiresAt; a resend moves ExpiresAt.
func groupThings() map[string]applyFunc {
	return map[string]applyFunc{
		group.TypeInvitationCreated: on(func(ctx context.Context, w ontology.Writer, e group.InvitationCreated) error {
			data, err := json.Marshal(invitationData{OrganizationID: e.GroupID, Role: e.Role, InviterID: e.Actor})
			if err != nil {
				return err
			}
			exp := e.ExpiresAt
			return w.PutThing(ctx, ontology.Thing{ID: e.InvitationID, Kind: KindInvitation, OwnerID: e.GroupID,
				Status: InvitationPending, Data: data, CreatedAt: e.At, UpdatedAt: e.At, ExpiresAt: &exp})
		}),
		group.TypeInvitationResent: on(func(ctx context.Context, w ontology.Writer, e group.InvitationResent) error {
			return updateInvitation(ctx, w, e.InvitationID, e.At, func(t *ontology.Thing) error {
				exp := e.ExpiresAt
				t.ExpiresAt = &exp
				return nil
			})
		}),
		group.TypeInvitationAccepted: on(func(ctx context.Context, w ontology.Writer, e group.InvitationAccepted) error {
			return updateInvitation(ctx, w, e.InvitationID, e.At, func(t *ontology.Thing) error {
				t.Status = InvitationAccepted
				var d invitationData
				if err := json.Unmarshal(t.Data, &d); err != nil {
					return err
				}
				d.MemberID = e.MemberID
				data, err := json.Marshal(d)
				t.Data = data
				return err
			})
		}),
		group.TypeInvitationRejected: on(func(ctx context.Context, w ontology.Writer, e group.InvitationRejected) error {
			return setInvitationStatus(ctx, w, e.InvitationID, InvitationRejected, e.At)
		}),
		group.TypeInvitationCanceled: on(func(ctx context.Context, w ontology.Writer, e group.InvitationCanceled) error {
			return setInvitationStatus(ctx, w, e.InvitationID, InvitationCanceled, e.At)
		}),
		group.TypeInvitationExpired: on(func(ctx context.Context, w ontology.Writer, e group.InvitationExpired) error {
			return setInvitationStatus(ctx, w, e.InvitationID, InvitationExpired, e.At)
		}),
	}
}

func setInvitationStatus(ctx context.Context, w ontology.Writer, id, status string, at time.Time) error {
	return updateInvitation(ctx, w, id, at, func(t *ontology.Thing) error { t.Status = status; return nil })
}

// updateInvitation reads an invitation thing, changes it and writes it
// back stamped at.
func updateInvitation(ctx context.Context, w ontology.Writer, id string, at time.Time, f func(*ontology.Thing) error) error {
	t, err := w.GetThing(ctx, id)
	if errors.Is(err, ontology.ErrNotFound) {
		return fmt.Errorf("%w: invitation %s", ErrMissingRow, id)
	}
	if err != nil {
		return err
	}
	if err := f(&t); err != nil {
		return err
	}
	t.UpdatedAt = at
	return w.PutThing(ctx, t)
}
