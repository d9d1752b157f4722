// Package web is the hosted UI: server-rendered html/template pages with
// small vanilla JavaScript files, embedded in the binary (no CDN). The
// pages call the same /api/auth routes a Better Auth client calls, from the
// same origin, so the CSRF rules and rate limits of the API apply to them
// unchanged. No page carries inline script or style: the Content Security
// Policy (ContentSecurityPolicy) allows only files served from /ui/static.
//
// The authenticator QR code is encoded by github.com/boombuler/barcode/qr
// (the encoder the one-time password library already brings); this package
// only draws its modules as an SVG data: URL (QRDataURL), which the policy
// allows as an image.
package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"regexp"
	"strings"
)

//go:embed templates/*.html static/*
var files embed.FS

// ContentSecurityPolicy is sent with every hosted page: scripts, styles and
// connections only from this origin, images also as data: URLs (the QR
// code), no framing, no plugins, forms only to this origin.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Defaults of Options.
const (
	DefaultBrandName       = "authledger"
	DefaultPrimaryColor    = "#3b5bdb"
	DefaultBackgroundColor = "#f4f5f7"
	DefaultRedirect        = "/ui/account"
)

// Options configure the pages. Zero values take the defaults above.
type Options struct {
	BrandName       string // shown in the header and titles
	PrimaryColor    string // buttons, links, focus ring: #rgb or #rrggbb
	BackgroundColor string // page background: #rgb or #rrggbb
	// RedirectAfterSignIn is where the pages go after a sign-in or sign-up:
	// a same-site path starting with a single "/".
	RedirectAfterSignIn string
	// Passkeys shows the passkey options (when the passkey routes exist).
	Passkeys bool
	// MinPasswordLength feeds the sign-up strength meter.
	MinPasswordLength int
	// EmailLinks shows the email address card of the account page
	// (verification links are mailed); ChangeEmail adds its change form.
	EmailLinks, ChangeEmail bool
	// DeleteAccount shows the account page's delete card.
	DeleteAccount bool
	// SocialProviders are the ids of the configured sign-in providers;
	// the sign-in page offers a "Continue with" button for each, the
	// account page a "Link" button for each not linked yet.
	SocialProviders []string
	// PasswordLinks offers "Set a password" on the account page to a
	// person without one (reset links are mailed).
	PasswordLinks bool
}

var colorRE = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// Validate reports the first option that cannot be used.
func (o Options) Validate() error {
	for name, c := range map[string]string{"primary colour": o.PrimaryColor, "background colour": o.BackgroundColor} {
		if c != "" && !colorRE.MatchString(c) {
			return fmt.Errorf("web: %s %q must be #rgb or #rrggbb", name, c)
		}
	}
	if r := o.RedirectAfterSignIn; r != "" && (!strings.HasPrefix(r, "/") || strings.HasPrefix(r, "//") ||
		strings.ContainsAny(r, "\\\r\n\t ")) {
		return fmt.Errorf("web: redirect after sign-in %q must be a path starting with a single /", r)
	}
	if len([]rune(o.BrandName)) > 64 {
		return fmt.Errorf("web: brand name is longer than 64 characters")
	}
	return nil
}

func (o *Options) defaults() {
	if o.BrandName == "" {
		o.BrandName = DefaultBrandName
	}
	if o.PrimaryColor == "" {
		o.PrimaryColor = DefaultPrimaryColor
	}
	if o.BackgroundColor == "" {
		o.BackgroundColor = DefaultBackgroundColor
	}
	if o.RedirectAfterSignIn == "" {
		o.RedirectAfterSignIn = DefaultRedirect
	}
	if o.MinPasswordLength == 0 {
		o.MinPasswordLength = 8
	}
}

// UI renders the hosted pages.
type UI struct {
	opts  Options
	pages map[string]*template.Template
	theme []byte
}

// New validates o and parses the embedded templates.
func New(o Options) (*UI, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	o.defaults()
	u := &UI{opts: o, pages: map[string]*template.Template{}}
	for _, p := range Pages() {
		t, err := template.ParseFS(files, "templates/base.html", "templates/"+p.Name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", p.Name, err)
		}
		u.pages[p.Name] = t
	}
	u.theme = []byte(fmt.Sprintf(":root{--primary:%s;--bg:%s}\n", o.PrimaryColor, o.BackgroundColor))
	return u, nil
}

// Page is one hosted page: its template name, path under /ui and title.
type Page struct {
	Name, Path, Title string
}

// Pages lists the hosted pages.
func Pages() []Page {
	return []Page{
		{"signin", "/ui/sign-in", "Sign in"},
		{"signup", "/ui/sign-up", "Create your account"},
		{"twofactor", "/ui/two-factor", "Two-factor verification"},
		{"account", "/ui/account", "Account security"},
		{"organizations", "/ui/organizations", "Organizations"},
		{"members", "/ui/organizations/members", "Members"},
		{"invitation", "/ui/accept-invitation", "Invitation"},
		{"forgot-password", "/ui/forgot-password", "Forgot your password?"},
		{"reset-password", "/ui/reset-password", "Choose a new password"},
		{"verify-email", "/ui/verify-email", "Verify your email address"},
	}
}

// pageData is what the templates see.
type pageData struct {
	Brand, Title, Page, Redirect string
	Passkeys                     bool
	MinPassword                  int
	EmailLinks, ChangeEmail      bool
	DeleteAccount                bool
	SocialProviders              []string
	PasswordLinks                bool
}

// Render writes page name with the security headers of a hosted page.
func (u *UI) Render(w http.ResponseWriter, p Page) error {
	t, ok := u.pages[p.Name]
	if !ok {
		return fmt.Errorf("web: unknown page %q", p.Name)
	}
	var buf bytes.Buffer
	d := pageData{Brand: u.opts.BrandName, Title: p.Title, Page: p.Name, Redirect: u.opts.RedirectAfterSignIn,
		Passkeys: u.opts.Passkeys, MinPassword: u.opts.MinPasswordLength, EmailLinks: u.opts.EmailLinks,
		ChangeEmail: u.opts.ChangeEmail, DeleteAccount: u.opts.DeleteAccount, SocialProviders: u.opts.SocialProviders,
		PasswordLinks: u.opts.PasswordLinks}
	if err := t.ExecuteTemplate(&buf, "base", d); err != nil {
		return fmt.Errorf("web: render %s: %w", p.Name, err)
	}
	pageHeaders(w.Header())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err := w.Write(buf.Bytes())
	return err
}

// pageHeaders sets the headers every hosted response carries.
func pageHeaders(h http.Header) {
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
}

// Static serves the embedded CSS and JavaScript under the given prefix
// (for example "/ui/static/").
func (u *UI) Static(prefix string) http.Handler {
	sub, _ := fs.Sub(files, "static")
	fsrv := http.StripPrefix(prefix, http.FileServer(http.FS(sub)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pageHeaders(w.Header())
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		fsrv.ServeHTTP(w, r)
	})
}

// Theme serves the brand colours as a stylesheet.
func (u *UI) Theme(w http.ResponseWriter, _ *http.Request) {
	pageHeaders(w.Header())
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	_, _ = w.Write(u.theme)
}
