package orghttp

import "encoding/json"

// invitationBody names an invitation to accept, reject or cancel.
type invitationBody struct {
	InvitationID *string `json:"invitationId"`
}

// checkSlugBody is check-slug's body.
type checkSlugBody struct {
	Slug *string `json:"slug"`
}

// removeMemberBody names the member to remove (by member id or email).
type removeMemberBody struct {
	MemberIDOrEmail *string `json:"memberIdOrEmail"`
	organizationBody
}

// updateMemberRoleBody is update-member-role's body: the role is a string
// or a list of strings.
type updateMemberRoleBody struct {
	Role     json.RawMessage `json:"role"`
	MemberID *string         `json:"memberId"`
	organizationBody
}

// hasPermissionBody is has-permission's body (permission is the older
// spelling of permissions).
type hasPermissionBody struct {
	OrganizationID *string             `json:"organizationId"`
	Permission     map[string][]string `json:"permission"`
	Permissions    map[string][]string `json:"permissions"`
}

// setActiveBody names the organization to make active, by id or slug
// (both absent or null clears it).
type setActiveBody struct {
	OrganizationID   *string `json:"organizationId"`
	OrganizationSlug *string `json:"organizationSlug"`
}
