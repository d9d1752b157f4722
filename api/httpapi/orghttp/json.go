package orghttp

import (
	"encoding/json"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/orgs"
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

func toOrg(o orgs.Organization) orgJSON {
	j := orgJSON{Name: o.Name, Slug: o.Slug, CreatedAt: wire.ISOTime(o.CreatedAt), Metadata: json.RawMessage("null"),
		ID: o.ID}
	if o.Logo != "" {
		j.Logo = &o.Logo
	}
	if o.Metadata != "" {
		j.Metadata = json.RawMessage(o.Metadata)
	}
	return j
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

func toMember(m orgs.Member) memberJSON {
	j := memberJSON{OrganizationID: m.OrganizationID, UserID: m.PersonID, Role: m.Role,
		CreatedAt: wire.ISOTime(m.CreatedAt), ID: m.ID}
	if u := m.User; u != nil {
		j.User = &memberUserJSON{ID: u.ID, Name: u.Name, Email: u.Email}
		if u.Image != "" {
			j.User.Image = &u.Image
		}
	}
	return j
}

func toMembers(ms []orgs.Member) []memberJSON {
	out := make([]memberJSON, 0, len(ms))
	for _, m := range ms {
		out = append(out, toMember(m))
	}
	return out
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

func toInvitation(inv orgs.Invitation) invitationJSON {
	return invitationJSON{OrganizationID: inv.OrganizationID, Email: inv.Email, Role: inv.Role, Status: inv.Status,
		ExpiresAt: wire.ISOTime(inv.ExpiresAt), CreatedAt: wire.ISOTime(inv.CreatedAt), InviterID: inv.InviterID, ID: inv.ID}
}

func toInvitations(invs []orgs.Invitation) []invitationJSON {
	out := make([]invitationJSON, 0, len(invs))
	for _, inv := range invs {
		out = append(out, toInvitation(inv))
	}
	return out
}
