// verify_client.mjs drives a running authledger server's email-verification
// routes with the official Better Auth client (better-auth@1.7.25,
// `createAuthClient`), unchanged, on a server started with
// --require-email-verification on, --auto-sign-in-after-verification on and
// --change-email on and --delete-user on:
// sign-up opens no session, sign-in of the unverified address is refused
// with 403 EMAIL_NOT_VERIFIED, sendVerificationEmail mails a link,
// verifyEmail proves the address and signs in, the link works once, and
// sign-in then succeeds; with --change-email on, changeEmail is approved by
// the verified address and proven by the new one; with --delete-user on,
// deleteUser erases the account. The mailed links are read from the test's SMTP
// sink through a small HTTP endpoint the Go test serves.
//
// Environment:
//   AUTHLEDGER_URL     base URL of the server (required)
//   AUTHLEDGER_ORIGIN  Origin header to send (default: the origin of AUTHLEDGER_URL)
//   AUTHLEDGER_MAIL    URL answering GET ?to=<address> with the JSON list of
//                      the message bodies the sink received for it (required)
//
// On success it prints one JSON line (the summary) and exits 0; on the
// first failed assertion it prints the failed step and exits 1.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { check, fails, newBrowser, ok, run, steps } from "./harness.mjs";

const email = `verify-${randomBytes(6).toString("hex")}@example.test`;
const password = "correct horse battery staple 1";
const mailURL = process.env.AUTHLEDGER_MAIL;

// nextLinkToken waits for the n-th message (from 1) to the address (default
// email) and returns the token of its verification link.
async function nextLinkToken(n, to = email) {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${mailURL}?to=${encodeURIComponent(to)}`);
    const bodies = await res.json();
    if (bodies.length >= n) {
      const m = bodies[n - 1].match(/\/api\/auth\/verify-email\?token=([A-Za-z0-9_-]+)&callbackURL=/);
      assert.ok(m, `message ${n} has no verification link`);
      return m[1];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`message ${n} to ${to} never arrived`);
}

async function main() {
  const { client, jar } = newBrowser([]);
  let userId = "";
  await check("sign-up opens no session", async () => {
    const data = ok(await client.signUp.email({ email, password, name: "Verify Client", callbackURL: "/welcome" }), "signUp");
    assert.equal(data.token, null);
    assert.equal(data.user.emailVerified, false);
    assert.equal(jar.has("better-auth.session_token"), false);
    userId = data.user.id;
  });
  await check("sign-up mailed a link", async () => {
    await nextLinkToken(1);
  });
  await check("sign-in refused until verified", async () => {
    fails(await client.signIn.email({ email, password }), 403, "EMAIL_NOT_VERIFIED", "signIn");
    await nextLinkToken(2); // the refusal mails a fresh link
  });
  let token = "";
  await check("sendVerificationEmail", async () => {
    const data = ok(await client.sendVerificationEmail({ email, callbackURL: "/welcome" }), "sendVerificationEmail");
    assert.equal(data.status, true);
    token = await nextLinkToken(3);
  });
  await check("verifyEmail signs in", async () => {
    const data = ok(await client.verifyEmail({ query: { token } }), "verifyEmail");
    assert.equal(data.status, true);
    assert.ok(jar.has("better-auth.session_token"), "no session cookie after verification");
    const s = ok(await client.getSession(), "getSession");
    assert.equal(s.user.id, userId);
    assert.equal(s.user.emailVerified, true);
  });
  await check("the link works once", async () => {
    fails(await client.verifyEmail({ query: { token } }), 401, "INVALID_TOKEN", "verifyEmail again");
  });
  await check("sendVerificationEmail when verified", async () => {
    fails(await client.sendVerificationEmail({ email }), 400, "EMAIL_ALREADY_VERIFIED", "sendVerificationEmail");
  });
  await check("sign-in after verification", async () => {
    const data = ok(await client.signIn.email({ email, password }), "signIn");
    assert.equal(data.user.emailVerified, true);
  });
  const newEmail = `new-${email}`;
  await check("changeEmail asks the verified address first", async () => {
    const data = ok(await client.changeEmail({ newEmail, callbackURL: "/settings" }), "changeEmail");
    assert.equal(data.status, true);
    const approve = await nextLinkToken(4);
    const approved = ok(await client.verifyEmail({ query: { token: approve } }), "verifyEmail (approval)");
    assert.equal(approved.status, true);
  });
  await check("the new address proves itself", async () => {
    const prove = await nextLinkToken(1, newEmail);
    const data = ok(await client.verifyEmail({ query: { token: prove } }), "verifyEmail (new address)");
    assert.equal(data.user.email, newEmail);
    const s = ok(await client.getSession(), "getSession");
    assert.equal(s.user.email, newEmail);
    assert.equal(s.user.emailVerified, true);
  });
  await check("deleteUser", async () => {
    fails(await client.deleteUser({ password: "wrong horse battery 1" }), 400, "INVALID_PASSWORD", "deleteUser");
    const data = ok(await client.deleteUser({ password }), "deleteUser");
    assert.equal(data.success, true);
    assert.equal(data.message, "User deleted");
    assert.equal(jar.has("better-auth.session_token"), false, "session cookie kept after deletion");
    fails(await client.signIn.email({ email: newEmail, password }), 401, "INVALID_EMAIL_OR_PASSWORD", "signIn after deletion");
  });
  console.log(JSON.stringify({ ok: true, userId, steps: steps.done }));
}

run("verify_client.mjs", main);
