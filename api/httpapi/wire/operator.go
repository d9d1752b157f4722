package wire

import "github.com/labstack/echo/v4"

// ctxOperator is where the operator authentication leaves the actor.
const ctxOperator = "authledger.operator_actor"

// SetOperator records who acts on an operator route: key:<id> for an
// operator key, the bootstrap actor for the --admin-key.
func SetOperator(c echo.Context, actor string) { c.Set(ctxOperator, actor) }

// Operator is the actor the operator authentication recorded, or
// fallback when none did (a feature mounted without the server's
// middleware, as in the feature packages' own tests).
func Operator(c echo.Context, fallback string) string {
	if a, _ := c.Get(ctxOperator).(string); a != "" {
		return a
	}
	return fallback
}
