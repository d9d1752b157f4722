package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
	"github.com/labstack/echo/v4"
)

type createOrgBody struct {
	Name                          *string         `json:"name"`
	Slug                          *string         `json:"slug"`
	UserID                        *string         `json:"userId"`
	Logo                          *string         `json:"logo"`
	Metadata                      json.RawMessage `json:"metadata"`
	KeepCurrentActiveOrganization *bool           `json:"keepCurrentActiveOrganization"`
}

// createdOrgJSON is the create answer: the organization and its owner.
type createdOrgJSON struct {
	Name      string          `json:"name"`
	Slug      string          `json:"slug"`
	Logo      *string         `json:"logo"`
	CreatedAt string          `json:"createdAt"`
	Metadata  json.RawMessage `json:"metadata,omitempty"`
	ID        string          `json:"id"`
	Members   []memberJSON    `json:"members"`
}

// create creates an organization with the caller as owner, claiming the
// slug in the same append, and makes it the session's active organization
// unless keepCurrentActiveOrganization.
func (o *orgs) create(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	var b createOrgBody
	if err := decode(c, &b); err != nil {
		return err
	}
	if b.Name == nil || b.Slug == nil {
		return domain.Errorf(domain.CodeValidation, "[body.name] name and [body.slug] slug are required")
	}
	if b.UserID != nil && *b.UserID != a.user.ID {
		return domain.ErrForbidden
	}
	if err := validName(*b.Name); err != nil {
		return err
	}
	if err := validSlug(*b.Slug); err != nil {
		return err
	}
	if err := validImage(b.Logo); err != nil {
		return err
	}
	meta, err := metadataString(b.Metadata)
	if err != nil {
		return err
	}
	ids, err := o.s.newIDs(2)
	if err != nil {
		return err
	}
	groupID, stream := ids[0], group.Stream(ids[0])
	if err := o.s.cfg.Keys.Ensure(c.Request().Context(), stream); err != nil {
		return err
	}
	_, evs, err := o.run(c, orgCommand{groupID: groupID, actor: a.user.ID,
		cmd: func(group.State) group.Command {
			return group.CreateOrganization{GroupID: groupID, MemberID: ids[1], Name: *b.Name, Slug: *b.Slug,
				Logo: deref(b.Logo), Metadata: meta, Actor: a.user.ID, At: o.s.now()}
		},
		with: func(group.State, []domain.Event) ([]change, []eventstore.Claim, []eventstore.Claim, error) {
			claims := []eventstore.Claim{o.s.claim("slug", *b.Slug, stream)}
			if b.KeepCurrentActiveOrganization != nil && *b.KeepCurrentActiveOrganization {
				return nil, claims, nil, nil
			}
			ch, err := o.setActiveChange(c, a, groupID)
			return []change{ch}, claims, nil, err
		}})
	if isClaimTaken(err) {
		return group.ErrOrganizationAlreadyExists
	}
	if err != nil {
		return err
	}
	st := after(group.State{}, evs)
	org := toOrg(st)
	out := createdOrgJSON{Name: org.Name, Slug: org.Slug, Logo: org.Logo, CreatedAt: org.CreatedAt, ID: org.ID}
	if st.Metadata != "" {
		out.Metadata = org.Metadata
	}
	for _, m := range st.Members() {
		out.Members = append(out.Members, toMember(st.ID, m))
	}
	return ok200(c, out)
}

// maxSlugLen bounds slugs (bytes).
const maxSlugLen = 128

// validSlug accepts a non-blank slug of printable characters without
// spaces, at most maxSlugLen bytes.
func validSlug(slug string) error {
	if slug == "" || len(slug) > maxSlugLen || !utf8.ValidString(slug) ||
		strings.IndexFunc(slug, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }) >= 0 {
		return domain.Errorf(domain.CodeValidation, "[body.slug] Invalid slug")
	}
	return nil
}

// metadataString validates a metadata value: a JSON object (or null).
func metadataString(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	if raw[0] != '{' {
		return "", domain.Errorf(domain.CodeValidation, "[body.metadata] expected object")
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return "", domain.Errorf(domain.CodeValidation, "[body.metadata] expected object")
	}
	return buf.String(), nil
}

// checkSlug answers {status:true} when the slug is free.
func (o *orgs) checkSlug(c echo.Context) error {
	if _, err := o.s.requireSession(c); err != nil {
		return err
	}
	var b struct {
		Slug *string `json:"slug"`
	}
	if err := decode(c, &b); err != nil {
		return err
	}
	if b.Slug == nil || *b.Slug == "" {
		return domain.Errorf(domain.CodeValidation, "[body.slug] Invalid input: expected string, received undefined")
	}
	if _, err := o.bySlug(c.Request().Context(), *b.Slug); err == nil {
		return errSlugTaken
	} else if !isNotFound(err) {
		return err
	}
	return ok200(c, map[string]bool{"status": true})
}

func isNotFound(err error) bool { return errors.Is(err, group.ErrOrganizationNotFound) }

type updateOrgBody struct {
	Data struct {
		Name     *string         `json:"name"`
		Slug     *string         `json:"slug"`
		Logo     *string         `json:"logo"`
		Metadata json.RawMessage `json:"metadata"`
	} `json:"data"`
	OrganizationID *string `json:"organizationId"`
}

// update changes the organization; a new slug is claimed and the old one
// released in the same append.
func (o *orgs) update(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	var b updateOrgBody
	if err := decode(c, &b); err != nil {
		return err
	}
	id, err := o.target(c.Request().Context(), a, b.OrganizationID, nil)
	if err != nil {
		return err
	}
	cmd := group.UpdateOrganization{Name: b.Data.Name, Slug: b.Data.Slug, Logo: b.Data.Logo, Actor: a.user.ID}
	if b.Data.Name != nil {
		if err := validName(*b.Data.Name); err != nil {
			return err
		}
	}
	if b.Data.Slug != nil {
		if err := validSlug(*b.Data.Slug); err != nil {
			return err
		}
	}
	if err := validImage(b.Data.Logo); err != nil {
		return err
	}
	if b.Data.Metadata != nil {
		meta, err := metadataString(b.Data.Metadata)
		if err != nil {
			return err
		}
		cmd.Metadata = &meta
	}
	stream := group.Stream(id)
	before, evs, err := o.run(c, orgCommand{groupID: id, actor: a.user.ID,
		cmd: func(group.State) group.Command { cmd.At = o.s.now(); return cmd },
		with: func(_ group.State, evs []domain.Event) ([]change, []eventstore.Claim, []eventstore.Claim, error) {
			for _, ev := range evs {
				if u, ok := ev.(group.Updated); ok && u.SetSlug {
					return nil, []eventstore.Claim{o.s.claim("slug", u.Slug, stream)},
						[]eventstore.Claim{o.s.claim("slug", u.PreviousSlug, stream)}, nil
				}
			}
			return nil, nil, nil, nil
		}})
	if isClaimTaken(err) {
		return errSlugTaken
	}
	if err != nil {
		return err
	}
	return ok200(c, toOrg(after(before, evs)))
}

// delete deletes the organization, releases its slug and clears it as the
// caller's active organization.
func (o *orgs) delete(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	var b struct {
		OrganizationID *string `json:"organizationId"`
	}
	if err := decode(c, &b); err != nil {
		return err
	}
	id, err := o.target(c.Request().Context(), a, b.OrganizationID, nil)
	if err != nil {
		return err
	}
	stream := group.Stream(id)
	before, _, err := o.run(c, orgCommand{groupID: id, actor: a.user.ID,
		cmd: func(group.State) group.Command { return group.DeleteOrganization{Actor: a.user.ID, At: o.s.now()} },
		with: func(st group.State, _ []domain.Event) ([]change, []eventstore.Claim, []eventstore.Claim, error) {
			rel := []eventstore.Claim{o.s.claim("slug", st.Slug, stream)}
			if a.session.ActiveOrganizationID != id {
				return nil, nil, rel, nil
			}
			ch, err := o.setActiveChange(c, a, "")
			return []change{ch}, nil, rel, err
		}})
	if err != nil {
		return err
	}
	return ok200(c, toOrg(before))
}

// list returns the caller's organizations: the member_of edges of the
// connections dimension name them, each is read from its stream.
func (o *orgs) list(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	out := []orgJSON{}
	q := ontology.Query{Where: map[string]string{"from_id": a.user.ID, "relation": "member_of"}, Limit: ontology.MaxLimit}
	for {
		page, err := o.s.cfg.Read.ListConnections(ctx, q)
		if err != nil {
			return err
		}
		for _, conn := range page.Items {
			st, _, err := o.memberIn(ctx, conn.ToID, a.user.ID, group.ErrUserNotMember)
			if err == nil {
				out = append(out, toOrg(st))
			}
		}
		if page.Next == "" {
			return ok200(c, out)
		}
		q.Cursor = page.Next
	}
}

// getOrganization returns one organization the caller belongs to.
func (o *orgs) getOrganization(c echo.Context) error {
	oc, err := o.callerIn(c, group.ErrNotAMemberOfThisGroup)
	if err != nil {
		return err
	}
	return ok200(c, toOrg(oc.st))
}
