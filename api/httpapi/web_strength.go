package httpapi

import (
	"errors"
	"strings"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
	"github.com/labstack/echo/v4"
)

// strengthJSON is the answer of POST /ui/password-strength: the server's
// zxcvbn estimate and whether the sign-up policy would take the password.
type strengthJSON struct {
	Score        int     `json:"score"`
	GuessesLog10 float64 `json:"guessesLog10"`
	Acceptable   bool    `json:"acceptable"`
	Code         string  `json:"code,omitempty"`
	Message      string  `json:"message,omitempty"`
}

// webPasswordStrength rates a password for the hosted sign-up page's
// meter with the very estimate and policy sign-up applies
// (password.Strength, Policy.Check), so the meter can never promise what
// the server then refuses — a second estimator in the browser would have
// its own dictionaries and rounding. Same-origin JSON only, no session
// (the page is for people without one); the password is neither logged
// nor stored, and the estimate is bounded to its first 100 characters.
func (s *Server) webPasswordStrength(c echo.Context) error {
	var b struct {
		Password *string `json:"password"`
		Email    string  `json:"email"`
		Name     string  `json:"name"`
	}
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	if b.Password == nil {
		return domain.Errorf(domain.CodeValidation, "[body.password] Invalid input: expected string, received undefined")
	}
	e := password.Strength(*b.Password, b.Email, b.Name)
	out := strengthJSON{Score: e.Score, GuessesLog10: e.GuessesLog10, Acceptable: true}
	if err := s.cfg.PasswordPolicy.Check(*b.Password, b.Email, b.Name); err != nil {
		out.Acceptable = false
		var de *domain.Error
		out.Message = err.Error()
		if errors.As(err, &de) {
			out.Code = string(de.Code)
			out.Message = strings.TrimPrefix(out.Message, out.Code+": ")
		}
	}
	return wire.OK(c, out)
}
