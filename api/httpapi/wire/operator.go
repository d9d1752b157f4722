package wire

import "github.com/labstack/echo/v4"

// Where the operator authentication leaves the actor and its scopes.
const (
	ctxOperator       = "authledger.operator_actor"
	ctxOperatorScopes = "authledger.operator_scopes"
)

// SetOperator records who acts on an operator route and with which
// scopes: key:<id> for an operator key, the bootstrap actor (with every
// scope) for the --admin-key.
func SetOperator(c echo.Context, actor string, scopes []string) {
	c.Set(ctxOperator, actor)
	c.Set(ctxOperatorScopes, scopes)
}

// OperatorScopes are the scopes the operator authentication granted the
// request; ok is false when none ran (a feature mounted on its own).
func OperatorScopes(c echo.Context) (scopes []string, ok bool) {
	scopes, ok = c.Get(ctxOperatorScopes).([]string)
	return scopes, ok
}

// Operator is the actor the operator authentication recorded, or
// fallback when none did (a feature mounted without the server's
// middleware, as in the feature packages' own tests).
func Operator(c echo.Context, fallback string) string {
	if a, _ := c.Get(ctxOperator).(string); a != "" {
		return a
	}
	return fallback
}
