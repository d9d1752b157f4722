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

// GroupsName is the checkpoint name of the groups projector.
const GroupsName = "groups.v1"

// KindOrganization is the Group kind (and connection end kind "group") of
// an organization.
const (
	KindOrganization = "organization"
	KindGroup        = "group"
)

// groupData is the Data object of an organization row.
type groupData struct {
	Logo     string          `json:"logo,omitempty"`
	Metadata json.RawMessage `json:"metadata,omitempty"`
}

// Groups returns the groups.v1 projector: one ontology.Group of kind
// "organization" per live organization (Data {logo, metadata}). A deleted
// organization's row is removed: the groups dimension lists what exists
// now; the deletion stays in the events dimension.
//
// group.updated carries only the changed fields and ontology.Writer has no
// GetGroup, so the projector also keeps its own copy of the row as the
// knowledge fact FactOrganization of the group (removed with the row).
func Groups() Projector {
	return withTwoFactor(&table{
		name: GroupsName,
		on: map[string]applyFunc{
			group.TypeCreated: on(func(ctx context.Context, w ontology.Writer, e group.Created) error {
				return putGroup(ctx, w, ontology.Group{ID: e.GroupID, Kind: KindOrganization, Name: e.Name,
					Slug: e.Slug, CreatedAt: e.At, UpdatedAt: e.At}, e.Logo, e.Metadata)
			}),
			group.TypeUpdated: on(groupsUpdated),
			group.TypeDeleted: on(func(ctx context.Context, w ontology.Writer, e group.Deleted) error {
				if err := w.DeleteFact(ctx, e.GroupID, FactOrganization); err != nil {
					return err
				}
				return w.DeleteGroup(ctx, e.GroupID)
			}),
		},
	}, nil)
}

// groupMembershipTypes are the group.* events about members and
// invitations (everything but created, updated, deleted).
func groupMembershipTypes() []string {
	return []string{group.TypeMemberAdded, group.TypeMemberRemoved, group.TypeMemberRoleChanged,
		group.TypeMemberLeft, group.TypeInvitationCreated, group.TypeInvitationResent,
		group.TypeInvitationAccepted, group.TypeInvitationRejected, group.TypeInvitationCanceled,
		group.TypeInvitationExpired}
}

// orgRow is the groups projector's private copy of an organization row.
type orgRow struct {
	Name      string    `json:"name"`
	Slug      string    `json:"slug"`
	Logo      string    `json:"logo,omitempty"`
	Metadata  string    `json:"metadata,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
}

// FactOrganization is the knowledge fact holding the groups projector's
// copy of an organization row (name, slug, logo, metadata, createdAt).
const FactOrganization = "organization"

// putGroup writes the row and its copy.
func putGroup(ctx context.Context, w ontology.Writer, g ontology.Group, logo, metadata string) error {
	d := groupData{Logo: logo}
	if metadata != "" {
		d.Metadata = json.RawMessage(metadata)
	}
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	g.Data = data
	if err := w.PutGroup(ctx, g); err != nil {
		return err
	}
	row, err := json.Marshal(orgRow{Name: g.Name, Slug: g.Slug, Logo: logo, Metadata: metadata, CreatedAt: g.CreatedAt})
	if err != nil {
		return err
	}
	return w.PutFact(ctx, ontology.Fact{SubjectID: g.ID, Key: FactOrganization, Value: row, UpdatedAt: g.UpdatedAt})
}

func groupsUpdated(ctx context.Context, w ontology.Writer, e group.Updated) error {
	f, err := w.GetFact(ctx, e.GroupID, FactOrganization)
	if errors.Is(err, ontology.ErrNotFound) {
		return fmt.Errorf("%w: organization %s", ErrMissingRow, e.GroupID)
	}
	if err != nil {
		return err
	}
	var r orgRow
	if err := json.Unmarshal(f.Value, &r); err != nil {
		return err
	}
	if e.SetName {
		r.Name = e.Name
	}
	if e.SetSlug {
		r.Slug = e.Slug
	}
	if e.SetLogo {
		r.Logo = e.Logo
	}
	if e.SetMetadata {
		r.Metadata = e.Metadata
	}
	return putGroup(ctx, w, ontology.Group{ID: e.GroupID, Kind: KindOrganization, Name: r.Name, Slug: r.Slug,
		CreatedAt: r.CreatedAt, UpdatedAt: e.At}, r.Logo, r.Metadata)
}
