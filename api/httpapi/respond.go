package httpapi

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"net/http"

	"github.com/authledger/authledger/api/strictjson"
	"github.com/labstack/echo/v4"
)

// writeJSON writes v with an explicit charset (checklist 34).
func writeJSON(c echo.Context, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Type", "application/json; charset=utf-8")
	c.Response().WriteHeader(status)
	_, err = c.Response().Write(b)
	return err
}

// ok200 writes a 200 JSON response.
func ok200(c echo.Context, v any) error { return writeJSON(c, http.StatusOK, v) }

// decode strictly decodes the request body into dst.
func decode(c echo.Context, dst any) error { return strictjson.Decode(body(c), dst) }

// constantTimeEqual compares two secrets without leaking where they differ
// or their lengths (both are hashed first).
func constantTimeEqual(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return hmac.Equal(ha[:], hb[:])
}
