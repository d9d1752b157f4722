package audithttp

import (
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/person"
	"github.com/labstack/echo/v4"
)

// asOf is GET /v1/audit/as-of?at=…&person=<id> (or group=<id>): the
// aggregate's state folded from its stream up to the bound, with its PII
// decrypted.
func (f *Feature) asOf(c echo.Context) error {
	params, err := singleParams(c, "only at and one of person or group (once each) are accepted", "at", "person", "group")
	if err != nil {
		return err
	}
	at, err := compliance.ParseBound("at", params.Get("at"))
	if err != nil {
		return err
	}
	res, err := f.svc.AsOf(c.Request().Context(), compliance.AsOfInput{Reader: f.reader(c), At: at,
		PersonID: params.Get("person"), GroupID: params.Get("group")})
	if err != nil {
		return err
	}
	out := map[string]any{"version": res.Version, "position": res.Position.String()}
	if res.Person != nil {
		out["person"] = personView(*res.Person)
	} else {
		out["group"] = groupView(*res.Group)
	}
	return wire.OK(c, out)
}

func personView(p person.State) map[string]any {
	return map[string]any{"id": p.ID, "exists": p.Exists, "erased": p.Erased, "email": p.Email, "name": p.Name,
		"image": p.Image, "emailVerified": p.EmailVerified, "role": p.Role, "fields": p.Fields, "banned": p.Banned,
		"createdAt": p.CreatedAt, "updatedAt": p.UpdatedAt}
}

func groupView(g group.State) map[string]any {
	members := []map[string]any{}
	for _, m := range g.Members() {
		members = append(members, map[string]any{"id": m.ID, "personId": m.PersonID, "role": m.Role, "joinedAt": m.JoinedAt})
	}
	invitations := []map[string]any{}
	for _, i := range g.Invitations() {
		addr := i.Email
		if i.EmailErased {
			addr = group.ErasedEmail
		}
		invitations = append(invitations, map[string]any{"id": i.ID, "email": addr, "role": i.Role,
			"inviterId": i.InviterID, "expiresAt": i.ExpiresAt})
	}
	return map[string]any{"id": g.ID, "status": g.Status, "name": g.Name, "slug": g.Slug, "logo": g.Logo,
		"metadata": g.Metadata, "createdAt": g.CreatedAt, "updatedAt": g.UpdatedAt, "members": members, "invitations": invitations}
}
