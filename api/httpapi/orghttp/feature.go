package orghttp

import (
	"net/http"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
)

// Feature serves the organization routes.
type Feature struct {
	kit  *wire.Kit
	orgs *orgs.Service
}

// New returns the organization feature over the use cases svc.
func New(kit *wire.Kit, svc *orgs.Service) *Feature { return &Feature{kit: kit, orgs: svc} }

// AuthRoutes is the organization plugin's surface under /api/auth.
func (f *Feature) AuthRoutes() []wire.Route {
	p := "/organization/"
	return []wire.Route{
		{Method: "POST", Path: p + "create", Handler: f.create, Body: createBody{}},
		{Method: "POST", Path: p + "check-slug", Handler: f.checkSlug, Body: checkSlugBody{}},
		{Method: "POST", Path: p + "update", Handler: f.update, Body: updateBody{}},
		{Method: "POST", Path: p + "delete", Handler: f.delete, Body: organizationBody{}},
		{Method: "GET", Path: p + "list", Handler: f.list},
		{Method: "GET", Path: p + "get-organization", Handler: f.getOrganization},
		{Method: "GET", Path: p + "get-full-organization", Handler: f.getFull},
		{Method: "POST", Path: p + "set-active", Handler: f.setActive, Body: setActiveBody{}},
		{Method: "GET", Path: p + "get-active-member", Handler: f.getActiveMember},
		{Method: "GET", Path: p + "get-active-member-role", Handler: f.getActiveMemberRole},
		{Method: "GET", Path: p + "list-members", Handler: f.listMembers},
		{Method: "POST", Path: p + "invite-member", Handler: f.invite, Body: inviteBody{}},
		{Method: "GET", Path: p + "get-invitation", Handler: f.getInvitation},
		{Method: "POST", Path: p + "accept-invitation", Handler: f.accept, Body: invitationBody{}},
		{Method: "POST", Path: p + "reject-invitation", Handler: f.reject, Body: invitationBody{}},
		{Method: "POST", Path: p + "cancel-invitation", Handler: f.cancel, Body: invitationBody{}},
		{Method: "GET", Path: p + "list-invitations", Handler: f.listInvitations},
		{Method: "GET", Path: p + "list-user-invitations", Handler: f.listUserInvitations},
		{Method: "POST", Path: p + "remove-member", Handler: f.removeMember, Body: removeMemberBody{}},
		{Method: "POST", Path: p + "update-member-role", Handler: f.updateMemberRole, Body: updateMemberRoleBody{}},
		{Method: "POST", Path: p + "leave", Handler: f.leave, Body: organizationBody{}},
		{Method: "POST", Path: p + "has-permission", Handler: f.hasPermission, Body: hasPermissionBody{}},
	}
}

// AdminRoutes: the organization plugin has none under /v1.
func (f *Feature) AdminRoutes() []wire.Route { return nil }

// Statuses are Better Auth's statuses of every code the organization use
// cases return: the plugin's own, and the core codes they share.
func (f *Feature) Statuses() wire.Statuses {
	return wire.Statuses{
		group.CodeOrganizationAlreadyExists:   http.StatusBadRequest,
		group.CodeOrganizationNotFound:        http.StatusBadRequest,
		group.CodeUserNotMember:               http.StatusBadRequest,
		group.CodeNotAllowedToUpdateOrg:       http.StatusForbidden,
		group.CodeNotAllowedToDeleteOrg:       http.StatusForbidden,
		group.CodeAlreadyMember:               http.StatusBadRequest,
		group.CodeMemberNotFound:              http.StatusBadRequest,
		group.CodeRoleNotFound:                http.StatusBadRequest,
		group.CodeOnlyOwnerCannotLeave:        http.StatusBadRequest,
		group.CodeWithoutOwner:                http.StatusBadRequest,
		group.CodeNotAllowedToDeleteMember:    http.StatusForbidden,
		group.CodeNotAllowedToInvite:          http.StatusForbidden,
		group.CodeAlreadyInvited:              http.StatusBadRequest,
		group.CodeInvitationNotFound:          http.StatusBadRequest,
		group.CodeInvitationExpired:           http.StatusBadRequest,
		group.CodeNotRecipient:                http.StatusForbidden,
		group.CodeEmailVerificationRequired:   http.StatusForbidden,
		group.CodeNotAllowedToCancel:          http.StatusForbidden,
		group.CodeNotAllowedToInviteWithRole:  http.StatusForbidden,
		group.CodeNotAllowedToUpdateMember:    http.StatusForbidden,
		group.CodeMembershipLimitReached:      http.StatusForbidden,
		group.CodeInvitationLimitReached:      http.StatusForbidden,
		group.CodeYouAreNotAMemberOfThisGroup: http.StatusForbidden,
		orgs.CodeSlugTaken:                    http.StatusBadRequest,
		orgs.CodeNoActiveOrganization:         http.StatusBadRequest,
		orgs.CodeInvitationEmailUnverified:    http.StatusForbidden,
		// core codes the use cases share with the rest of the API
		domain.CodeValidation:      http.StatusBadRequest,
		domain.CodeInvalidEmail:    http.StatusBadRequest,
		domain.CodeUnauthorized:    http.StatusUnauthorized,
		domain.CodeSessionExpired:  http.StatusUnauthorized,
		domain.CodeSessionNotFound: http.StatusNotFound,
		domain.CodeForbidden:       http.StatusForbidden,
		domain.CodeConflict:        http.StatusConflict,
		domain.CodeUnavailable:     http.StatusServiceUnavailable,
	}
}
