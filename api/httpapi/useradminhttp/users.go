package useradminhttp

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/useradmin"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/labstack/echo/v4"
)

// userAnswer is {user} with the admin plugin's fields.
type userAnswer struct {
	User wire.UserJSON `json:"user"`
}

// answerUser answers {user}, or the use case's error.
func answerUser(c echo.Context, u sessionindex.User, err error) error {
	if err != nil {
		return err
	}
	return wire.OK(c, userAnswer{wire.AdminUser(u)})
}

// createUserBody is create-user's body.
type createUserBody struct {
	Email    *string         `json:"email"`
	Password *string         `json:"password"`
	Name     *string         `json:"name"`
	Role     json.RawMessage `json:"role"`
	Data     json.RawMessage `json:"data"`
}

// createUser is POST /admin/create-user → {user}. A taken address is
// Better Auth's 400 here (sign-up answers it as 422).
func (f *Feature) createUser(c echo.Context) error {
	a, b, err := adminAndBody[createUserBody](f, c)
	if err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"email": b.Email, "name": b.Name}); err != nil {
		return err
	}
	role, err := optionalRole(b.Role)
	if err != nil {
		return err
	}
	data, err := object(b.Data, "data")
	if err != nil {
		return err
	}
	u, err := f.svc.CreateUser(c.Request().Context(), useradmin.CreateUserInput{Admin: a, Email: *b.Email,
		Password: wire.Deref(b.Password), Name: *b.Name, Role: role, Data: data})
	if errors.Is(err, domain.ErrUserAlreadyExists) {
		return wire.WriteJSON(c, http.StatusBadRequest, errorBody{Message: "User already exists. Use another email.",
			Code: string(domain.CodeUserAlreadyExists)})
	}
	return answerUser(c, u, err)
}

// errorBody is Better Auth's error shape, keys in its order.
type errorBody struct {
	Message string `json:"message"`
	Code    string `json:"code"`
}

// optionalRole reads a role given as a string or an array of strings.
func optionalRole(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", person.ErrInvalidRole
	}
	role, ok := useradmin.JoinRoles(v)
	if !ok {
		return "", person.ErrInvalidRole
	}
	return role, nil
}

// object reads an optional JSON object (nil when absent).
func object(raw json.RawMessage, name string) (map[string]any, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return nil, domain.Errorf(domain.CodeValidation, "[body."+name+"] expected object")
	}
	return m, nil
}

// getUser is GET /admin/get-user?id= → the user object itself.
func (f *Feature) getUser(c echo.Context) error {
	a, err := f.admin(c)
	if err != nil {
		return err
	}
	id := c.QueryParam("id")
	if id == "" {
		return domain.Errorf(domain.CodeValidation, "[query.id] Invalid input: expected string, received undefined")
	}
	u, err := f.svc.GetUser(c.Request().Context(), useradmin.GetUserInput{Admin: a, UserID: id})
	if err != nil {
		return err
	}
	return wire.OK(c, wire.AdminUser(u))
}

// updateUserBody is the admin update-user body.
type updateUserBody struct {
	UserID *string         `json:"userId"`
	Data   json.RawMessage `json:"data"`
}

// updateUser is POST /admin/update-user → the user object itself.
func (f *Feature) updateUser(c echo.Context) error {
	a, b, err := adminAndBody[updateUserBody](f, c)
	if err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"userId": b.UserID}); err != nil {
		return err
	}
	data, err := object(b.Data, "data")
	if err != nil {
		return err
	}
	if data == nil {
		return domain.Errorf(domain.CodeValidation, "[body.data] Invalid input: expected record, received undefined")
	}
	u, err := f.svc.UpdateUser(c.Request().Context(), useradmin.UpdateUserInput{Admin: a, UserID: *b.UserID, Data: data})
	if err != nil {
		return err
	}
	return wire.OK(c, wire.AdminUser(u))
}

// setRoleBody is set-role's body: role is a string or an array.
type setRoleBody struct {
	UserID *string         `json:"userId"`
	Role   json.RawMessage `json:"role"`
}

// setRole is POST /admin/set-role → {user}.
func (f *Feature) setRole(c echo.Context) error {
	a, b, err := adminAndBody[setRoleBody](f, c)
	if err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"userId": b.UserID}); err != nil {
		return err
	}
	role, err := optionalRole(b.Role)
	if err != nil {
		return err
	}
	if role == "" {
		return person.ErrInvalidRole
	}
	u, err := f.svc.SetRole(c.Request().Context(), useradmin.SetRoleInput{Admin: a, UserID: *b.UserID, Role: role})
	return answerUser(c, u, err)
}

// userIDBody is the body of the routes that name one user.
type userIDBody struct {
	UserID *string `json:"userId"`
}

// userInput decodes {userId} for a use case.
func (f *Feature) userInput(c echo.Context) (useradmin.UserInput, error) {
	a, b, err := adminAndBody[userIDBody](f, c)
	if err != nil {
		return useradmin.UserInput{}, err
	}
	if err := wire.RequireStrings(map[string]*string{"userId": b.UserID}); err != nil {
		return useradmin.UserInput{}, err
	}
	return useradmin.UserInput{Admin: a, UserID: *b.UserID}, nil
}

// setUserPasswordBody is set-user-password's body.
type setUserPasswordBody struct {
	NewPassword *string `json:"newPassword"`
	UserID      *string `json:"userId"`
}

// setUserPassword is POST /admin/set-user-password → {status: true}.
func (f *Feature) setUserPassword(c echo.Context) error {
	a, b, err := adminAndBody[setUserPasswordBody](f, c)
	if err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"newPassword": b.NewPassword, "userId": b.UserID}); err != nil {
		return err
	}
	err = f.svc.SetUserPassword(c.Request().Context(), useradmin.SetUserPasswordInput{Admin: a, UserID: *b.UserID,
		NewPassword: *b.NewPassword})
	if err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}

// removeUser is POST /admin/remove-user → {success: true}: erasure.
func (f *Feature) removeUser(c echo.Context) error {
	in, err := f.userInput(c)
	if err != nil {
		return err
	}
	if err := f.svc.RemoveUser(c.Request().Context(), in); err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"success": true})
}

// hasPermissionBody is has-permission's body: permissions (or the older
// permission), and userId/role, which a session caller's own role
// overrides as in Better Auth.
type hasPermissionBody struct {
	UserID      *string             `json:"userId"`
	Role        *string             `json:"role"`
	Permission  map[string][]string `json:"permission"`
	Permissions map[string][]string `json:"permissions"`
}

// hasPermission is POST /admin/has-permission → {error: null, success}.
func (f *Feature) hasPermission(c echo.Context) error {
	a, b, err := adminAndBody[hasPermissionBody](f, c)
	if err != nil {
		return err
	}
	perms := b.Permissions
	if perms == nil {
		perms = b.Permission
	}
	ok, err := f.svc.HasPermission(c.Request().Context(), useradmin.HasPermissionInput{Admin: a, Permissions: perms})
	if err != nil {
		return err
	}
	return wire.OK(c, struct {
		Error   *string `json:"error"`
		Success bool    `json:"success"`
	}{nil, ok})
}
