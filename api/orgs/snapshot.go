package orgs

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
	"github.com/fxamacker/cbor/v2"
)

// Organization snapshots (eventstore.Snapshots): the folded group.State of
// a long organization stream, so the first request after a restart reads
// one row and the records after it instead of 10,000 records.
//
// Erasure: a snapshot holds what the state holds, and the only personal
// data in a group.State is a pending invitation's email. The snapshot keeps
// it sealed with the same key that seals it in the log (the invitee's key,
// or the group's for invitations recorded before invitee keys), through
// eventstore.Codec.SealField, which never creates a key. Erasing the
// invitee destroys that key, and the snapshot's copy becomes unreadable at
// the same moment as the log's: it opens as erased, exactly as the fold
// would show it. No hook has to find and drop snapshots, so no node or
// race can leave a readable copy behind. Everything else (IDs, roles,
// times, the organization's own name, slug, logo and metadata) is stored
// in the log unsealed too.
//
// Encoding: CBOR (RFC 8949, github.com/fxamacker/cbor, which bounds what a
// decoder accepts from untrusted bytes) with structs as arrays, the
// members packed in columns (snapshot_columns.go), oldest first; times as
// Unix nanoseconds in UTC.

// snapshotFormat names the layout below; change it with any change of the
// layout or of what a group.State holds, and older snapshots are ignored.
const snapshotFormat = "group.state/cbor/2"

// DefaultSnapshotAfter is how many records a fold goes past an
// organization's last snapshot before writing a new one.
const DefaultSnapshotAfter = 500

// zeroTime encodes the zero time.Time, which has no Unix nanoseconds.
const zeroTime = math.MinInt64

// errSnapshot reports a snapshot that does not decode to a valid state.
var errSnapshot = errors.New("orgs: bad organization snapshot")

type stateSnapshot struct {
	_           struct{} `cbor:",toarray"`
	ID          string
	Status      string
	Name        string
	Slug        string
	Logo        string
	Metadata    string
	CreatedAt   int64
	UpdatedAt   int64
	Members     memberColumns // oldest first (snapshot_columns.go)
	Invitations []invitationSnapshot
}

type invitationSnapshot struct {
	_           struct{} `cbor:",toarray"`
	ID          string
	SealedEmail string // "" when the state has none
	EmailKey    string
	EmailErased bool
	Role        string
	InviterID   string
	ExpiresAt   int64
	CreatedAt   int64
}

var (
	snapEnc = mustEncMode()
	snapDec = mustDecMode()
)

func mustEncMode() cbor.EncMode {
	em, err := cbor.CoreDetEncOptions().EncMode()
	if err != nil {
		panic(err) // fixed, valid options
	}
	return em
}

// mustDecMode accepts only well-formed CBOR without tags or indefinite
// lengths, with arrays long enough for very large organizations.
func mustDecMode() cbor.DecMode {
	dm, err := cbor.DecOptions{MaxArrayElements: 1 << 24, MaxNestedLevels: 8, IndefLength: cbor.IndefLengthForbidden,
		TagsMd: cbor.TagsForbidden, DupMapKey: cbor.DupMapKeyEnforcedAPF}.DecMode()
	if err != nil {
		panic(err) // fixed, valid options
	}
	return dm
}

// stateCodec is the eventstore.SnapshotCodec of group.State.
type stateCodec struct{ codec *eventstore.Codec }

var _ eventstore.SnapshotCodec[group.State] = stateCodec{}

// Format names the encoding.
func (stateCodec) Format() string { return snapshotFormat }

// Encode encodes st with its invitation emails sealed. A state with a time
// that is not UTC is refused (the snapshot would not equal the fold).
func (c stateCodec) Encode(ctx context.Context, st group.State) ([]byte, error) {
	snap, err := headSnapshot(st)
	if err != nil {
		return nil, err
	}
	if snap.Members, err = packMembers(st.Members()); err != nil {
		return nil, err
	}
	for _, inv := range st.Invitations() {
		is, err := c.sealInvitation(ctx, st.ID, inv)
		if err != nil {
			return nil, err
		}
		snap.Invitations = append(snap.Invitations, is)
	}
	return snapEnc.Marshal(snap)
}

// Decode decodes a snapshot and opens its invitation emails; an email
// whose key was destroyed opens as erased.
func (c stateCodec) Decode(ctx context.Context, b []byte) (group.State, error) {
	var snap stateSnapshot
	if err := snapDec.Unmarshal(b, &snap); err != nil {
		return group.State{}, fmt.Errorf("%w: %w", errSnapshot, err)
	}
	members, err := snap.Members.unpack()
	if err != nil {
		return group.State{}, err
	}
	invitations := make([]group.Invitation, 0, len(snap.Invitations))
	for _, is := range snap.Invitations {
		inv, err := c.openInvitation(ctx, snap.ID, is)
		if err != nil {
			return group.State{}, err
		}
		invitations = append(invitations, inv)
	}
	head := group.State{ID: snap.ID, Status: snap.Status, Name: snap.Name, Slug: snap.Slug, Logo: snap.Logo,
		Metadata: snap.Metadata, CreatedAt: fromNanos(snap.CreatedAt), UpdatedAt: fromNanos(snap.UpdatedAt)}
	if head.ID == "" || (head.Status != group.StatusActive && head.Status != group.StatusDeleted) {
		return group.State{}, fmt.Errorf("%w: no organization", errSnapshot)
	}
	st, err := group.Restore(head, members, invitations)
	if err != nil {
		return group.State{}, fmt.Errorf("%w: %w", errSnapshot, err)
	}
	return st, nil
}

// headSnapshot returns the organization's own fields.
func headSnapshot(st group.State) (stateSnapshot, error) {
	created, err1 := toNanos(st.CreatedAt)
	updated, err2 := toNanos(st.UpdatedAt)
	return stateSnapshot{ID: st.ID, Status: st.Status, Name: st.Name, Slug: st.Slug, Logo: st.Logo, Metadata: st.Metadata,
		CreatedAt: created, UpdatedAt: updated}, errors.Join(err1, err2)
}

// emailField is the associated data of a sealed invitation email: bound
// to the organization and the invitation, so a sealed value cannot be
// moved to another one (nor to an event, whose fields are named otherwise).
func emailField(groupID, invitationID string) string {
	return "snapshot/" + groupID + "/invitation/" + invitationID + "/email"
}

// emailKeyRef is the key that seals an invitation's email in the log.
func emailKeyRef(groupID string, inv group.Invitation) string {
	if inv.EmailKey != "" {
		return inv.EmailKey
	}
	return group.Stream(groupID)
}

func (c stateCodec) sealInvitation(ctx context.Context, groupID string, inv group.Invitation) (invitationSnapshot, error) {
	expires, err1 := toNanos(inv.ExpiresAt)
	created, err2 := toNanos(inv.CreatedAt)
	if err := errors.Join(err1, err2); err != nil {
		return invitationSnapshot{}, err
	}
	is := invitationSnapshot{ID: inv.ID, EmailKey: inv.EmailKey, EmailErased: inv.EmailErased, Role: inv.Role,
		InviterID: inv.InviterID, ExpiresAt: expires, CreatedAt: created}
	if inv.Email != "" {
		sealed, err := c.codec.SealField(ctx, emailKeyRef(groupID, inv), emailField(groupID, inv.ID), inv.Email)
		if err != nil {
			return invitationSnapshot{}, fmt.Errorf("orgs: seal invitation %s: %w", inv.ID, err)
		}
		is.SealedEmail = sealed
	}
	return is, nil
}

func (c stateCodec) openInvitation(ctx context.Context, groupID string, is invitationSnapshot) (group.Invitation, error) {
	inv := group.Invitation{ID: is.ID, EmailKey: is.EmailKey, EmailErased: is.EmailErased, Role: is.Role,
		InviterID: is.InviterID, ExpiresAt: fromNanos(is.ExpiresAt), CreatedAt: fromNanos(is.CreatedAt)}
	if is.SealedEmail == "" {
		return inv, nil
	}
	email, ok, err := c.codec.OpenField(ctx, emailKeyRef(groupID, inv), emailField(groupID, is.ID), is.SealedEmail)
	if err != nil {
		return group.Invitation{}, fmt.Errorf("%w: invitation %s: %w", errSnapshot, is.ID, err)
	}
	if !ok { // the key was destroyed since: erased, as the fold now shows it
		inv.EmailErased = inv.EmailKey != ""
	}
	inv.Email = email
	return inv, nil
}

// toNanos encodes t, which must be UTC (or zero) and within the years
// Unix nanoseconds reach.
func toNanos(t time.Time) (int64, error) {
	if t.IsZero() {
		return zeroTime, nil
	}
	if t.Location() != time.UTC || t.Year() < 1700 || t.Year() > 2200 {
		return 0, fmt.Errorf("orgs: snapshot: time %v is not UTC between 1700 and 2200", t)
	}
	return t.UnixNano(), nil
}

// fromNanos decodes toNanos.
func fromNanos(n int64) time.Time {
	if n == zeroTime {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
