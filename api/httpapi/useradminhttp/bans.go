package useradminhttp

import (
	"math"
	"time"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/useradmin"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// banBody is ban-user's body: banExpiresIn is in seconds.
type banBody struct {
	UserID       *string  `json:"userId"`
	BanReason    *string  `json:"banReason"`
	BanExpiresIn *float64 `json:"banExpiresIn"`
}

// maxBanSeconds bounds banExpiresIn (about 100 years).
const maxBanSeconds = 100 * 365 * 24 * 3600

// banUser is POST /admin/ban-user → {user}; every session of the user ends.
func (f *Feature) banUser(c echo.Context) error {
	a, b, err := adminAndBody[banBody](f, c)
	if err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"userId": b.UserID}); err != nil {
		return err
	}
	in := useradmin.BanInput{Admin: a, UserID: *b.UserID, Reason: wire.Deref(b.BanReason)}
	if b.BanExpiresIn != nil {
		s := *b.BanExpiresIn
		if math.IsNaN(s) || s < 0 || s > maxBanSeconds {
			return domain.Errorf(domain.CodeValidation, "[body.banExpiresIn] expected a number of seconds")
		}
		in.ExpiresIn = time.Duration(s * float64(time.Second))
	}
	u, err := f.svc.Ban(c.Request().Context(), in)
	return answerUser(c, u, err)
}

// unbanUser is POST /admin/unban-user → {user}.
func (f *Feature) unbanUser(c echo.Context) error {
	in, err := f.userInput(c)
	if err != nil {
		return err
	}
	u, err := f.svc.Unban(c.Request().Context(), useradmin.UnbanInput{Admin: in.Admin, UserID: in.UserID})
	return answerUser(c, u, err)
}
