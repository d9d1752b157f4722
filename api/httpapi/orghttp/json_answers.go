package orghttp

import (
	"encoding/json"

	"github.com/authledger/authledger/api/orgs"
)

// createdOrgJSON is the create answer: the organization and its owner
// (metadata omitted when there is none, as Better Auth answers).
type createdOrgJSON struct {
	Name      string          `json:"name"`
	Slug      string          `json:"slug"`
	Logo      *string         `json:"logo"`
	CreatedAt string          `json:"createdAt"`
	Metadata  json.RawMessage `json:"metadata,omitempty"`
	ID        string          `json:"id"`
	Members   []memberJSON    `json:"members"`
}

func toCreated(full orgs.FullOrganization) createdOrgJSON {
	o := toOrg(full.Organization)
	out := createdOrgJSON{Name: o.Name, Slug: o.Slug, Logo: o.Logo, CreatedAt: o.CreatedAt, ID: o.ID}
	if full.Metadata != "" {
		out.Metadata = o.Metadata
	}
	for _, m := range full.Members {
		out.Members = append(out.Members, toMember(m))
	}
	return out
}

// fullOrgJSON is get-full-organization's answer.
type fullOrgJSON struct {
	orgJSON
	Invitations []invitationJSON `json:"invitations"`
	Members     []memberJSON     `json:"members"`
}

// membersPage is list-members' answer.
type membersPage struct {
	Members []memberJSON `json:"members"`
	Total   int          `json:"total"`
}

// invitationDetailJSON is get-invitation's answer.
type invitationDetailJSON struct {
	invitationJSON
	OrganizationName string `json:"organizationName"`
	OrganizationSlug string `json:"organizationSlug"`
	InviterEmail     string `json:"inviterEmail"`
}

// userInvitationJSON is one row of list-user-invitations.
type userInvitationJSON struct {
	invitationJSON
	OrganizationName string `json:"organizationName"`
}

// answerJSON is accept's and reject's answer (member null on reject).
type answerJSON struct {
	Invitation invitationJSON `json:"invitation"`
	Member     *memberJSON    `json:"member"`
}
