package wire

import (
	"encoding/json"
	"net/http"

	"github.com/authledger/authledger/api/strictjson"
	"github.com/labstack/echo/v4"
)

// WriteJSON writes v with an explicit charset.
func WriteJSON(c echo.Context, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return WriteEncoded(c, status, b)
}

// WriteEncoded writes b, a JSON document an append encoder wrote, as
// WriteJSON writes its encoding.
func WriteEncoded(c echo.Context, status int, b []byte) error {
	c.Response().Header()["Content-Type"] = jsonContentType
	c.Response().WriteHeader(status)
	_, err := c.Response().Write(b)
	return err
}

// jsonContentType is the Content-Type of JSON answers, one shared slice
// (as fixedHeaders' values: net/http only reads it).
var jsonContentType = []string{"application/json; charset=utf-8"}

// OK writes a 200 JSON response.
func OK(c echo.Context, v any) error { return WriteJSON(c, http.StatusOK, v) }

// Decode strictly decodes the request body into dst (size-limited by the
// middleware; duplicate or unknown keys and invalid UTF-8 refused).
func Decode(c echo.Context, dst any) error { return strictjson.Decode(Body(c), dst) }

// DecodeExtra decodes strictly, returning the extra keys allow accepts.
func DecodeExtra(c echo.Context, dst any, allow func(string) bool) (map[string]json.RawMessage, error) {
	return strictjson.DecodeWithExtra(Body(c), dst, allow)
}

// WriteSessionAndUser encodes the get-session answer into a pooled buffer.
func WriteSessionAndUser(c echo.Context, su SessionAndUser) error {
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	b, err := su.AppendJSON((*bp)[:0])
	if err != nil {
		return err
	}
	*bp = b
	c.Response().Header()["Content-Type"] = jsonContentType
	c.Response().WriteHeader(http.StatusOK)
	_, err = c.Response().Write(b)
	return err
}
