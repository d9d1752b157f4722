package cookies_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/authledger/authledger/api/cookies"
)

func ExampleConfig_SessionCookie() {
	cfg := cookies.Config{Secret: []byte("authledger-test-secret-0123456789abcdef")}
	setCookie := cfg.SessionCookie("acRfxdS6WnQST17diJBRjISoC4FGbOCD", true)
	fmt.Println(setCookie)

	r := httptest.NewRequest("GET", "/api/auth/get-session", nil)
	r.Header.Set("Cookie", "better-auth.session_token="+cookies.EncodeURIComponent(cfg.AuthToken("acRfxdS6WnQST17diJBRjISoC4FGbOCD")))
	fmt.Println(cookies.ParseRequest(r, cfg))
	// Output:
	// better-auth.session_token=acRfxdS6WnQST17diJBRjISoC4FGbOCD.roepxBBZj28cRLukYB0c4WOhR%2Ftvh68jCw8cfDua7p8%3D; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax
	// acRfxdS6WnQST17diJBRjISoC4FGbOCD true
}
