// social_client.mjs drives social sign-in on a running authledger server
// configured with a generic OpenID provider, using the official Better
// Auth client (better-auth@1.7.25) unchanged: signIn.social returns the
// provider's authorization URL (Node has no window to redirect), which the
// script follows like a browser (one cookie jar, redirects by hand) through
// the provider and back to the callback; getSession then shows the person.
// An unknown provider is refused with 404 PROVIDER_NOT_FOUND. The first
// sign-ins ask for offline_access besides the configured scopes, so the
// provider issues a refresh token: listAccounts answers the granted scopes,
// getAccessToken the provider's access token, refreshToken a new one, and
// accountInfo the provider's user info; another account id is refused.
//
// Environment:
//   AUTHLEDGER_URL       base URL of the server (required)
//   AUTHLEDGER_ORIGIN    Origin header to send
//   AUTHLEDGER_PROVIDER  the provider id (required)
//   AUTHLEDGER_EMAIL     the email the provider vouches for (required)
//
// On success it prints one JSON line (the summary) and exits 0.
import assert from "node:assert/strict";
import { baseURL, check, fails, newBrowser, ok, run, steps } from "./harness.mjs";

const provider = process.env.AUTHLEDGER_PROVIDER;
const email = process.env.AUTHLEDGER_EMAIL;

// follow walks a browser from url through every redirect until the server
// answers its callback, and returns where the callback sends it.
async function follow(jar, url) {
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.store(res);
    const next = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !next) throw new Error(`stopped at ${res.status} ${url}`);
    const target = new URL(next, url);
    if (url.startsWith(`${baseURL}/api/auth/callback/`)) return next;
    url = target.toString();
  }
  throw new Error("too many redirects");
}

async function main() {
  const { client, jar } = newBrowser([]);
  let landed = "";
  let userId = "";
  let accountId = "";

  await check("unknown provider", async () => {
    fails(await client.signIn.social({ provider: "nope" }), 404, "PROVIDER_NOT_FOUND", "unknown provider");
  });

  await check("signIn.social", async () => {
    const data = ok(await client.signIn.social({ provider, callbackURL: "/home", newUserCallbackURL: "/welcome",
      scopes: ["offline_access"], loginHint: email }), "sign-in/social");
    assert.ok(data.url.includes("offline_access"), "extra scope in the authorization URL");
    assert.equal(data.redirect, true, "redirect");
    assert.ok(jar.has("better-auth.state"), "state cookie");
    landed = await follow(jar, data.url);
    assert.equal(landed, "/welcome", "new user lands on newUserCallbackURL");
  });

  await check("getSession", async () => {
    const data = ok(await client.getSession(), "get-session");
    assert.equal(data.user.email, email, "user.email");
    assert.equal(data.user.emailVerified, true, "user.emailVerified");
    userId = data.user.id;
  });

  await check("signOut and again", async () => {
    ok(await client.signOut(), "sign-out");
    assert.equal(ok(await client.getSession(), "get-session"), null, "signed out");
    const data = ok(await client.signIn.social({ provider, callbackURL: "/home", scopes: ["offline_access"] }), "sign-in/social");
    assert.equal(await follow(jar, data.url), "/home", "known user lands on callbackURL");
    assert.equal(ok(await client.getSession(), "get-session").user.id, userId, "same person");
  });

  await check("listAccounts and unlinkAccount of the last one", async () => {
    const accounts = ok(await client.listAccounts(), "list-accounts");
    assert.equal(accounts.length, 1, "one account");
    assert.equal(accounts[0].providerId, provider, "providerId");
    assert.equal(accounts[0].userId, userId, "userId");
    assert.ok(accounts[0].scopes.includes("openid") && accounts[0].scopes.includes("offline_access"), "scopes");
    fails(await client.unlinkAccount({ accountId: accounts[0].id }), 400, "FAILED_TO_UNLINK_LAST_ACCOUNT", "last account");
    accountId = accounts[0].id;
  });

  await check("getAccessToken, refreshToken and accountInfo", async () => {
    const first = ok(await client.getAccessToken({ accountId }), "get-access-token");
    assert.ok(first.accessToken, "accessToken");
    assert.ok(first.scopes.includes("offline_access"), "scopes");
    assert.ok(first.idToken, "idToken");
    assert.ok(!Number.isNaN(Date.parse(first.accessTokenExpiresAt)), "accessTokenExpiresAt");
    const refreshed = ok(await client.refreshToken({ accountId }), "refresh-token");
    assert.ok(refreshed.accessToken && refreshed.accessToken !== first.accessToken, "a new access token");
    assert.ok(refreshed.refreshToken, "refreshToken");
    assert.equal(refreshed.accountId, accountId, "accountId");
    const now = ok(await client.getAccessToken({ accountId }), "get-access-token");
    assert.equal(now.accessToken, refreshed.accessToken, "the refreshed token is kept");
    const info = ok(await client.accountInfo({ query: { accountId } }), "account-info");
    assert.equal(info.user.email, email, "user.email");
    assert.equal(info.account.id, accountId, "account.id");
    assert.equal(info.data.email, email, "data.email");
    fails(await client.getAccessToken({ accountId: "not-mine" }), 400, "ACCOUNT_NOT_FOUND", "unknown account");
  });

  console.log(JSON.stringify({ ok: true, userId, landed, steps: steps.done }));
}

if (!provider || !email) {
  console.error("AUTHLEDGER_PROVIDER and AUTHLEDGER_EMAIL are required");
  process.exit(2);
}
run("social_client.mjs", main);
