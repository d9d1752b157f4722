package passkeyhttp

import (
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// idBody is the body of delete-passkey; update-passkey adds name.
type idBody struct {
	ID   *string `json:"id"`
	Name *string `json:"name,omitempty"`
}

// list answers the caller's passkeys in registration order.
func (f *Feature) list(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	pks, err := f.svc.List(c.Request().Context(), a.User.ID)
	if err != nil {
		return err
	}
	out := make([]PasskeyJSON, 0, len(pks))
	for _, p := range pks {
		out = append(out, ToPasskey(a.User.ID, p))
	}
	return wire.OK(c, out)
}

// update renames one of the caller's passkeys.
func (f *Feature) update(c echo.Context) error {
	a, b, err := wire.SessionAndBody[idBody](f.kit, c)
	if err != nil {
		return err
	}
	if err := requireID(b.ID); err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"name": b.Name}); err != nil {
		return err
	}
	p, err := f.svc.Rename(c.Request().Context(), passkeys.RenameInput{Caller: f.kit.Caller(c), Authed: a, PasskeyID: *b.ID, Name: *b.Name})
	if err != nil {
		return err
	}
	return wire.OK(c, map[string]PasskeyJSON{"passkey": ToPasskey(a.User.ID, p)})
}

// delete removes one of the caller's passkeys (on a fresh session).
func (f *Feature) delete(c echo.Context) error {
	a, b, err := wire.SessionAndBody[idBody](f.kit, c)
	if err != nil {
		return err
	}
	if err := requireID(b.ID); err != nil {
		return err
	}
	if b.Name != nil {
		return domain.Errorf(domain.CodeValidation, "[body.name] Unknown field")
	}
	if err := f.svc.Delete(c.Request().Context(), passkeys.DeleteInput{Caller: f.kit.Caller(c), Authed: a, PasskeyID: *b.ID}); err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}
