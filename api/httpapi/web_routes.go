package httpapi

import (
	"net/http"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/web"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// mountWeb mounts the hosted pages under /ui: the pages, their static
// files, the brand stylesheet, the QR route of the TOTP setup and the
// sign-up meter's password-strength route.
func (s *Server) mountWeb(e *echo.Echo) {
	opts := s.cfg.Web.options()
	opts.Passkeys = s.hasPasskeys()
	opts.MinPasswordLength = s.cfg.PasswordPolicy.MinLength
	opts.EmailLinks = s.cfg.Verification.Mailer != nil
	opts.ChangeEmail = opts.EmailLinks && s.cfg.Verification.ChangeEmail
	opts.DeleteAccount = s.cfg.Deletion.Enabled
	opts.PasswordLinks = s.cfg.Reset.Mailer != nil
	opts.InviteMail = s.cfg.Reset.Mailer != nil // the outbox mails invitations with the reset mailer
	for _, p := range s.cfg.Social.Providers {
		opts.SocialProviders = append(opts.SocialProviders, p.ID)
	}
	ui, err := web.New(opts)
	if err != nil {
		s.cfg.Logger.Error("hosted pages: invalid settings; using the defaults", "err", err)
		ui, _ = web.New(web.Options{Passkeys: opts.Passkeys, MinPasswordLength: opts.MinPasswordLength,
			EmailLinks: opts.EmailLinks, ChangeEmail: opts.ChangeEmail, DeleteAccount: opts.DeleteAccount,
			SocialProviders: opts.SocialProviders, PasswordLinks: opts.PasswordLinks, InviteMail: opts.InviteMail})
	}
	for _, p := range web.Pages() {
		e.GET(p.Path, func(c echo.Context) error { return ui.Render(c.Response(), c.Request(), p) })
	}
	toSignIn := func(c echo.Context) error { return c.Redirect(http.StatusFound, "/ui/sign-in") }
	e.GET("/ui", toSignIn)
	e.GET("/ui/", toSignIn)
	e.GET("/ui/theme.css", echo.WrapHandler(http.HandlerFunc(ui.Theme)))
	e.GET("/ui/static/*", echo.WrapHandler(ui.Static("/ui/static/")))
	e.POST("/ui/qr", s.webQR, s.bodyLimit, s.originCheck(false), s.jsonOnly)
	e.POST("/ui/password-strength", s.webPasswordStrength, s.bodyLimit, s.originCheck(false), s.jsonOnly)
}

// webQR renders the caller's otpauth:// URI as a QR code. It needs a
// session and a same-origin request: it is no general QR service, and the
// URI (which holds the secret) is neither logged nor stored.
func (s *Server) webQR(c echo.Context) error {
	if _, err := s.kit.RequireSession(c); err != nil {
		return err
	}
	var b struct {
		URI *string `json:"uri"`
	}
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	if b.URI == nil {
		return domain.Errorf(domain.CodeValidation, "[body.uri] Invalid input: expected string, received undefined")
	}
	src, err := web.QRDataURL(*b.URI)
	if err != nil {
		return domain.Errorf(domain.CodeValidation, "uri must be an otpauth:// URI")
	}
	return wire.OK(c, map[string]string{"src": src})
}
