package orghttp

import (
	"encoding/json"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

type createBody struct {
	Name                          *string         `json:"name"`
	Slug                          *string         `json:"slug"`
	UserID                        *string         `json:"userId"`
	Logo                          *string         `json:"logo"`
	Metadata                      json.RawMessage `json:"metadata"`
	KeepCurrentActiveOrganization *bool           `json:"keepCurrentActiveOrganization"`
}

// create creates an organization with the caller as owner.
func (f *Feature) create(c echo.Context) error {
	a, b, err := wire.SessionAndBody[createBody](f.kit, c)
	if err != nil {
		return err
	}
	if b.Name == nil || b.Slug == nil {
		return domain.Errorf(domain.CodeValidation, "[body.name] name and [body.slug] slug are required")
	}
	full, err := f.orgs.Create(c.Request().Context(), orgs.CreateInput{Caller: f.kit.Caller(c), Authed: a,
		Name: *b.Name, Slug: *b.Slug, UserID: b.UserID, Logo: wire.Deref(b.Logo), Metadata: b.Metadata,
		KeepActive: b.KeepCurrentActiveOrganization != nil && *b.KeepCurrentActiveOrganization})
	if err != nil {
		return err
	}
	return wire.OK(c, toCreated(full))
}

// checkSlug answers {status:true} when the slug is free.
func (f *Feature) checkSlug(c echo.Context) error {
	if _, err := f.kit.RequireSession(c); err != nil {
		return err
	}
	var b checkSlugBody
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	if b.Slug == nil || *b.Slug == "" {
		return domain.Errorf(domain.CodeValidation, "[body.slug] Invalid input: expected string, received undefined")
	}
	if err := f.orgs.CheckSlug(c.Request().Context(), *b.Slug); err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}

type updateBody struct {
	Data struct {
		Name     *string         `json:"name"`
		Slug     *string         `json:"slug"`
		Logo     *string         `json:"logo"`
		Metadata json.RawMessage `json:"metadata"`
	} `json:"data"`
	OrganizationID *string `json:"organizationId"`
}

// update changes the organization.
func (f *Feature) update(c echo.Context) error {
	a, b, err := wire.SessionAndBody[updateBody](f.kit, c)
	if err != nil {
		return err
	}
	org, err := f.orgs.Update(c.Request().Context(), orgs.UpdateInput{Caller: f.kit.Caller(c), Authed: a,
		OrganizationID: wire.Deref(b.OrganizationID), Name: b.Data.Name, Slug: b.Data.Slug, Logo: b.Data.Logo,
		Metadata: b.Data.Metadata})
	if err != nil {
		return err
	}
	return wire.OK(c, toOrg(org))
}

// organizationBody is the body of the commands on one organization.
type organizationBody struct {
	OrganizationID *string `json:"organizationId"`
}

// delete deletes the organization and answers it as it was.
func (f *Feature) delete(c echo.Context) error {
	a, b, err := wire.SessionAndBody[organizationBody](f.kit, c)
	if err != nil {
		return err
	}
	org, err := f.orgs.Delete(c.Request().Context(), orgs.DeleteInput{Caller: f.kit.Caller(c), Authed: a,
		OrganizationID: wire.Deref(b.OrganizationID)})
	if err != nil {
		return err
	}
	return wire.OK(c, toOrg(org))
}
