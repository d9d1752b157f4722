// link_client.mjs drives explicit account linking on a running authledger
// server configured with a generic OpenID provider, using the official
// Better Auth client unchanged: a person signs up with email and password,
// linkSocial links the provider's account (whose email is another one: an
// explicit link needs no matching address), the provider then signs that
// person in, listAccounts shows both accounts, unlinkAccount removes the
// provider's, and the provider's next sign-in is somebody new.
//
// Environment:
//   AUTHLEDGER_URL       base URL of the server (required)
//   AUTHLEDGER_ORIGIN    Origin header to send
//   AUTHLEDGER_PROVIDER  the provider id (required)
//
// On success it prints one JSON line (the summary) and exits 0.
import assert from "node:assert/strict";
import { baseURL, check, fails, newBrowser, ok, run, steps } from "./harness.mjs";

const provider = process.env.AUTHLEDGER_PROVIDER;

// follow walks a browser from url through every redirect until the server
// answers its callback, and returns where the callback sends it.
async function follow(jar, url) {
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.store(res);
    const next = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !next) throw new Error(`stopped at ${res.status} ${url}`);
    if (url.startsWith(`${baseURL}/api/auth/callback/`)) return next;
    url = new URL(next, url).toString();
  }
  throw new Error("too many redirects");
}

async function main() {
  const { client, jar } = newBrowser([]);
  let userId = "";
  let accountId = "";

  await check("signUp.email", async () => {
    const data = ok(await client.signUp.email({ name: "Linda", email: "linda@example.com", password: "correct horse 7" }), "sign-up");
    userId = data.user.id;
  });

  await check("linkSocial needs a session", async () => {
    const { client: guest } = newBrowser([]);
    fails(await guest.linkSocial({ provider, callbackURL: "/linked" }), 401, "UNAUTHORIZED", "without a session");
  });

  await check("linkSocial", async () => {
    const data = ok(await client.linkSocial({ provider, callbackURL: "/linked" }), "link-social");
    assert.equal(data.redirect, true, "redirect");
    assert.equal(await follow(jar, data.url), "/linked", "back at callbackURL");
    assert.equal(ok(await client.getSession(), "get-session").user.id, userId, "the same session");
  });

  await check("listAccounts after the link", async () => {
    const accounts = ok(await client.listAccounts(), "list-accounts");
    assert.deepEqual(accounts.map((a) => a.providerId), ["credential", provider], "providers");
    const linked = accounts[1];
    assert.equal(linked.userId, userId, "userId");
    accountId = linked.accountId;
  });

  await check("the provider signs the linked person in", async () => {
    const { client: other, jar: otherJar } = newBrowser([]);
    const data = ok(await other.signIn.social({ provider, callbackURL: "/home" }), "sign-in/social");
    assert.equal(await follow(otherJar, data.url), "/home", "known account lands on callbackURL");
    assert.equal(ok(await other.getSession(), "get-session").user.id, userId, "the linked person");
  });

  await check("unlinkAccount", async () => {
    fails(await client.unlinkAccount({ providerId: provider, accountId: "someone-else" }), 400, "ACCOUNT_NOT_FOUND", "another subject");
    ok(await client.unlinkAccount({ providerId: provider }), "unlink-account");
    const accounts = ok(await client.listAccounts(), "list-accounts");
    assert.deepEqual(accounts.map((a) => a.providerId), ["credential"], "only the password is left");
  });

  let newcomer = "";
  await check("after the unlink the provider's account is somebody new", async () => {
    const { client: other, jar: otherJar } = newBrowser([]);
    const data = ok(await other.signIn.social({ provider, callbackURL: "/home", newUserCallbackURL: "/welcome" }), "sign-in/social");
    assert.equal(await follow(otherJar, data.url), "/welcome", "a new person");
    newcomer = ok(await other.getSession(), "get-session").user.id;
    assert.notEqual(newcomer, userId, "not the unlinked person");
  });

  console.log(JSON.stringify({ ok: true, userId, newcomer, steps: steps.done }));
}

if (!provider) {
  console.error("AUTHLEDGER_PROVIDER is required");
  process.exit(2);
}
run("link_client.mjs", main);
