package social

import (
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/oauth2"
)

// Microsoft Entra ID's documented endpoints (v2.0), per tenant.
const (
	microsoftLogin    = "https://login.microsoftonline.com"
	microsoftGraphMe  = "https://graph.microsoft.com/v1.0/me"
	microsoftConsumer = "9188040d-6c67-4c5b-b112-36a304b66dad" // the tenant of personal Microsoft accounts
)

// tenantID is the shape of a tenant id (a GUID).
var tenantID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// validTenant accepts the multi-tenant names and tenant ids.
func validTenant(t string) bool {
	switch t {
	case "common", "organizations", "consumers":
		return true
	}
	return tenantID.MatchString(t)
}

// newMicrosoft is Microsoft Entra ID for p.Tenant (default common). The ID
// token's email claim is not verified by Microsoft: the identity says so
// only when the token carries email_verified or xms_edov (the email's
// domain is verified by its tenant) as true. User info is Graph's /me.
func newMicrosoft(p Provider, env presetEnv) *oidcPreset {
	tenant := microsoftTenant(p)
	base := microsoftLogin + "/" + tenant
	return &oidcPreset{userInfoURL: microsoftGraphMe,
		oauthBase: oauthBase{via: env.via, pkce: true, nonce: true,
			conf: oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, RedirectURL: env.redirectURL,
				Endpoint: oauth2.Endpoint{AuthURL: base + "/oauth2/v2.0/authorize", TokenURL: base + "/oauth2/v2.0/token",
					AuthStyle: oauth2.AuthStyleInParams},
				Scopes: scopesWith([]string{"openid", "profile", "email", "offline_access", "User.Read"}, p.Scopes)}},
		tokens: newIDTokens(env, p.ClientID, base+"/discovery/v2.0/keys", microsoftIssuer(tenant), microsoftIdentity)}
}

// microsoftTenant is p's tenant, common by default.
func microsoftTenant(p Provider) string {
	if p.Tenant == "" {
		return "common"
	}
	return strings.ToLower(p.Tenant)
}

// microsoftIssuer is the issuer rule of a tenant: the token's iss must be
// https://login.microsoftonline.com/{tid}/v2.0 for the token's own tid
// claim, and the tid must belong to the configured tenant (that tenant
// itself; the personal accounts' tenant for consumers; any other for
// organizations; any for common).
func microsoftIssuer(tenant string) func(string, map[string]any) error {
	return func(iss string, claims map[string]any) error {
		tid := str(claims["tid"])
		if !tenantID.MatchString(tid) {
			return fmt.Errorf("social: the ID token's tid is not a tenant id")
		}
		if iss != microsoftLogin+"/"+tid+"/v2.0" {
			return fmt.Errorf("social: ID token issuer %q is not its tenant's", iss)
		}
		ok := true
		switch tenant {
		case "common":
		case "consumers":
			ok = tid == microsoftConsumer
		case "organizations":
			ok = tid != microsoftConsumer
		default:
			ok = tid == tenant
		}
		if !ok {
			return fmt.Errorf("social: tenant %s is not the configured one", tid)
		}
		return nil
	}
}

// microsoftIdentity maps Entra ID's claims: the email is verified only
// when the token says so (email_verified, or xms_edov for the tenant's
// verified domains).
func microsoftIdentity(c map[string]any) identity {
	id := standardIdentity(c)
	id.Verified = truthy(c["email_verified"]) || truthy(c["xms_edov"])
	return id
}
