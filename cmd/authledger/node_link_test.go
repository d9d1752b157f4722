package main

import "testing"

// TestOfficialClientLinkSocial runs testdata/node/link_client.mjs — the
// official better-auth client, unchanged — against the binary with Hydra
// as the provider: linkSocial from a password account (the provider's
// email is another address), a sign-in through the linked account,
// listAccounts, unlinkAccount, and the unlinked provider account signing
// up somebody new.
func TestOfficialClientLinkSocial(t *testing.T) {
	node, npm := nodeTools(t)
	authledgerBinary(t)
	ensureNodeModules(t, npm)
	r := startSocialRig(t)
	r.h.as("hydra-linda", map[string]any{"email": "linda.elsewhere@example.com", "email_verified": true})
	sum := runNodeScript[struct {
		OK       bool   `json:"ok"`
		UserID   string `json:"userId"`
		Newcomer string `json:"newcomer"`
	}](t, r.srv, node, "link_client.mjs", "AUTHLEDGER_PROVIDER=hydra")
	if !sum.OK || sum.UserID == "" || sum.Newcomer == "" || sum.Newcomer == sum.UserID {
		t.Errorf("summary = %+v", sum)
	}
}
