package httpapi

import "github.com/authledger/authledger/api/web"

// WebConfig configures the hosted pages under /ui (api/web). Zero values
// take the defaults of package web: brand "authledger", primary colour
// #3b5bdb, background #f4f5f7, redirect after sign-in /ui/account.
type WebConfig struct {
	BrandName       string // header and page titles (≤ 64 characters)
	PrimaryColor    string // #rgb or #rrggbb
	BackgroundColor string // #rgb or #rrggbb
	// RedirectAfterSignIn is a same-site path ("/app"); a ?next=/ui/... on
	// the sign-in page takes precedence.
	RedirectAfterSignIn string
}

// Validate reports a brand setting the pages cannot use.
func (c WebConfig) Validate() error { return c.options().Validate() }

func (c WebConfig) options() web.Options {
	return web.Options{BrandName: c.BrandName, PrimaryColor: c.PrimaryColor,
		BackgroundColor: c.BackgroundColor, RedirectAfterSignIn: c.RedirectAfterSignIn}
}
