package orgs

import (
	"time"

	"github.com/authledger/authledger/domain/group"
)

// Target names the organization a call is about: OrganizationID, else
// OrganizationSlug, else the caller's session's active organization (so
// two tabs can work in two organizations at once). "" means not given.
type Target struct {
	OrganizationID   string
	OrganizationSlug string
}

// Organization is an organization's public fields.
type Organization struct {
	ID       string
	Name     string
	Slug     string
	Logo     string // "" when none
	Metadata string // a compact JSON object, or "" when none
	// CreatedAt is when the organization was created.
	CreatedAt time.Time
}

// Member is a membership. CreatedAt is when the person joined (for a
// member just removed or who just left: when that happened, as Better
// Auth answers). User is set where Better Auth joins the user.
type Member struct {
	OrganizationID string
	ID             string
	PersonID       string
	Role           string // comma-separated roles
	CreatedAt      time.Time
	User           *User
}

// User is the summary of a member's person.
type User struct {
	ID    string
	Name  string
	Email string
	Image string
}

// Invitation is an invitation with its status (pending, accepted,
// rejected, canceled).
type Invitation struct {
	OrganizationID string
	ID             string
	Email          string
	Role           string
	Status         string
	InviterID      string
	ExpiresAt      time.Time
	CreatedAt      time.Time
}

// FullOrganization is an organization with its members and its pending
// invitations.
type FullOrganization struct {
	Organization
	Members     []Member
	Invitations []Invitation
}

func toOrganization(st group.State) Organization {
	return Organization{ID: st.ID, Name: st.Name, Slug: st.Slug, Logo: st.Logo, Metadata: st.Metadata,
		CreatedAt: st.CreatedAt}
}

func toMember(groupID string, m group.Member) Member {
	return Member{OrganizationID: groupID, ID: m.ID, PersonID: m.PersonID, Role: m.Role, CreatedAt: m.JoinedAt}
}

func toInvitation(groupID, status string, inv group.Invitation) Invitation {
	addr := inv.Email
	if inv.EmailErased {
		addr = group.ErasedEmail
	}
	return Invitation{OrganizationID: groupID, ID: inv.ID, Email: addr, Role: inv.Role, Status: status,
		InviterID: inv.InviterID, ExpiresAt: inv.ExpiresAt, CreatedAt: inv.CreatedAt}
}

// pending lists an organization's pending invitations.
func pending(st group.State) []Invitation {
	out := []Invitation{}
	for _, inv := range st.Invitations() {
		out = append(out, toInvitation(st.ID, "pending", inv))
	}
	return out
}

// withUser joins the member's person from the session index (in memory).
func (s *Service) withUser(m Member) Member {
	u, _ := s.sessions.User(m.PersonID)
	m.User = &User{ID: m.PersonID, Name: u.Name, Email: u.Email, Image: u.Image}
	return m
}
