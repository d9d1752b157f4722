package httpapi

import (
	"encoding/json"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
)

// Codes the organization routes add (Better Auth's).
const (
	codeSlugTaken                 domain.Code = "ORGANIZATION_SLUG_ALREADY_TAKEN"
	codeNoActiveOrganization      domain.Code = "NO_ACTIVE_ORGANIZATION"
	codeInvitationEmailUnverified domain.Code = "EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION"
)

var (
	errSlugTaken          = domain.Errorf(codeSlugTaken, "Organization slug already taken")
	errNoActiveOrg        = domain.Errorf(codeNoActiveOrganization, "No active organization")
	errInvitationUnverifd = domain.Errorf(codeInvitationEmailUnverified,
		"Email verification required to view or list invitations for the session email")
)

// orgJSON is Better Auth's organization object, keys in its order.
type orgJSON struct {
	Name      string          `json:"name"`
	Slug      string          `json:"slug"`
	Logo      *string         `json:"logo"`
	CreatedAt string          `json:"createdAt"`
	Metadata  json.RawMessage `json:"metadata"`
	ID        string          `json:"id"`
}

func toOrg(st group.State) orgJSON {
	o := orgJSON{Name: st.Name, Slug: st.Slug, CreatedAt: wire.ISOTime(st.CreatedAt), Metadata: json.RawMessage("null"),
		ID: st.ID}
	if st.Logo != "" {
		o.Logo = &st.Logo
	}
	if st.Metadata != "" {
		o.Metadata = json.RawMessage(st.Metadata)
	}
	return o
}

// memberUserJSON is the user summary embedded in a member.
type memberUserJSON struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Email string  `json:"email"`
	Image *string `json:"image"`
}

// memberJSON is Better Auth's member object; User is set where Better
// Auth joins the user (list-members, get-active-member, full organization).
type memberJSON struct {
	OrganizationID string          `json:"organizationId"`
	UserID         string          `json:"userId"`
	Role           string          `json:"role"`
	CreatedAt      string          `json:"createdAt"`
	ID             string          `json:"id"`
	User           *memberUserJSON `json:"user,omitempty"`
}

func toMember(groupID string, m group.Member) memberJSON {
	return memberJSON{OrganizationID: groupID, UserID: m.PersonID, Role: m.Role, CreatedAt: wire.ISOTime(m.JoinedAt), ID: m.ID}
}

// withUser joins the member's user from the session index (in memory).
func (o *orgs) withUser(mj memberJSON) memberJSON {
	u, _ := o.s.index.User(mj.UserID)
	mu := &memberUserJSON{ID: mj.UserID, Name: u.Name, Email: u.Email}
	if u.Image != "" {
		mu.Image = &u.Image
	}
	mj.User = mu
	return mj
}

// invitationJSON is Better Auth's invitation object.
type invitationJSON struct {
	OrganizationID string `json:"organizationId"`
	Email          string `json:"email"`
	Role           string `json:"role"`
	Status         string `json:"status"`
	ExpiresAt      string `json:"expiresAt"`
	CreatedAt      string `json:"createdAt"`
	InviterID      string `json:"inviterId"`
	ID             string `json:"id"`
}

func toInvitation(groupID, status string, inv group.Invitation) invitationJSON {
	return invitationJSON{OrganizationID: groupID, Email: inv.Email, Role: inv.Role, Status: status,
		ExpiresAt: wire.ISOTime(inv.ExpiresAt), CreatedAt: wire.ISOTime(inv.CreatedAt), InviterID: inv.InviterID, ID: inv.ID}
}

// pendingInvitations lists an organization's pending invitations.
func pendingInvitations(st group.State) []invitationJSON {
	out := []invitationJSON{}
	for _, inv := range st.Invitations() {
		out = append(out, toInvitation(st.ID, "pending", inv))
	}
	return out
}
