// client.mjs drives a running authledger server with the official Better Auth
// client (better-auth@1.7.25, `createAuthClient` from "better-auth/client"),
// unchanged, the way a Node backend or a test would use it.
//
// Environment:
//   AUTHLEDGER_URL     base URL of the server (required), e.g. http://127.0.0.1:41234
//   AUTHLEDGER_ORIGIN  Origin header to send (default: the origin of AUTHLEDGER_URL);
//                      must be trusted by the server
//   AUTHLEDGER_EMAIL   email to sign up (default: a random one)
//
// Node's fetch keeps no cookies, so each simulated browser gets a tiny cookie
// jar wired in through the client's fetchOptions hooks. On success the script
// prints one JSON line (the summary) and exits 0; on the first failed
// assertion it prints which step failed and exits 1.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { check, fails, newBrowser, ok, run, steps } from "./harness.mjs";

const email =
  process.env.AUTHLEDGER_EMAIL || `node-${randomBytes(6).toString("hex")}@example.test`;
const name = "Node Client";
const password1 = "correct horse battery staple 1";
const password2 = "correct horse battery staple 2";
const sessionCookie = "better-auth.session_token";

// plugins loads multiSessionClient when this build exposes it; the server
// does not need to implement its routes for the core flow to work.
async function plugins() {
  try {
    const mod = await import("better-auth/client/plugins");
    if (typeof mod.multiSessionClient === "function") {
      return { list: [mod.multiSessionClient()], names: ["multiSession"] };
    }
  } catch (err) {
    console.error(`client.mjs: multiSessionClient not loaded: ${err.message}`);
  }
  return { list: [], names: [] };
}

// browser is one simulated browser: the official client and its jar.
function browser(label, pluginList) {
  return { ...newBrowser(pluginList), label };
}

async function main() {
  const loaded = await plugins();
  const a = browser("A", loaded.list);
  const b = browser("B", loaded.list);
  const c = browser("C", loaded.list);
  let userId = "";
  let sessionA = "";
  let listed = 0;

  await check("sign-up", async () => {
    const data = ok(await a.client.signUp.email({ name, email, password: password1 }), "sign-up");
    assert.equal(data.user.email, email, "sign-up: user.email");
    assert.equal(data.user.name, name, "sign-up: user.name");
    assert.match(data.user.id, /^[A-Za-z0-9]{32}$/, "sign-up: user.id");
    assert.equal(typeof data.token, "string", "sign-up: token");
    assert.ok(data.token.length > 0, "sign-up: empty token");
    assert.ok(a.jar.has(sessionCookie), "sign-up: no session cookie set");
    userId = data.user.id;
  });

  await check("duplicate sign-up", async () => {
    const res = await c.client.signUp.email({ name, email, password: password2 });
    fails(res, 422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", "duplicate sign-up");
    assert.ok(!c.jar.has(sessionCookie), "duplicate sign-up: a session cookie was set");
  });

  await check("sign-out after sign-up", async () => {
    const data = ok(await a.client.signOut(), "sign-out");
    assert.equal(data.success, true, "sign-out: success");
    assert.ok(!a.jar.has(sessionCookie), "sign-out: session cookie not expired");
  });

  await check("wrong password", async () => {
    const res = await a.client.signIn.email({ email, password: "not the password at all" });
    fails(res, 401, "INVALID_EMAIL_OR_PASSWORD", "wrong password");
  });

  await check("unknown email", async () => {
    const res = await a.client.signIn.email({ email: `nobody-${email}`, password: password1 });
    fails(res, 401, "INVALID_EMAIL_OR_PASSWORD", "unknown email");
  });

  await check("sign-in", async () => {
    const data = ok(await a.client.signIn.email({ email, password: password1 }), "sign-in");
    assert.equal(data.redirect, false, "sign-in: redirect");
    assert.equal(data.user.id, userId, "sign-in: user.id");
    assert.equal(typeof data.token, "string", "sign-in: token");
    assert.ok(a.jar.has(sessionCookie), "sign-in: no session cookie set");
  });

  await check("get-session", async () => {
    const data = ok(await a.client.getSession(), "get-session");
    assert.ok(data, "get-session: null while signed in");
    assert.equal(data.user.id, userId, "get-session: user.id");
    assert.equal(data.user.email, email, "get-session: user.email");
    assert.equal(data.session.userId, userId, "get-session: session.userId");
    assert.ok(Date.parse(data.session.expiresAt) > Date.now(), "get-session: session already expired");
    sessionA = data.session.id;
  });

  await check("second browser sign-in", async () => {
    ok(await b.client.signIn.email({ email, password: password1 }), "second sign-in");
    const data = ok(await b.client.getSession(), "second get-session");
    assert.equal(data?.user?.id, userId, "second get-session: user.id");
  });

  await check("list-sessions", async () => {
    const sessions = ok(await a.client.listSessions(), "list-sessions");
    assert.ok(Array.isArray(sessions), "list-sessions: not an array");
    assert.equal(sessions.length, 2, `list-sessions: ${JSON.stringify(sessions)}`);
    for (const s of sessions) assert.equal(s.userId, userId, "list-sessions: userId");
    listed = sessions.length;
    const other = sessions.find((s) => s.id !== sessionA);
    assert.ok(other, "list-sessions: the other browser's session is missing");
    assert.equal(typeof other.token, "string", "list-sessions: token handle");

    const revoked = ok(await a.client.revokeSession({ token: other.token }), "revoke-session");
    assert.equal(revoked.status, true, "revoke-session: status");
    const gone = ok(await b.client.getSession(), "get-session after revoke");
    assert.equal(gone, null, "revoked session still answers get-session");
    const left = ok(await a.client.listSessions(), "list-sessions after revoke");
    assert.deepEqual(left.map((s) => s.id), [sessionA], "list-sessions after revoke");
  });

  await check("change-password", async () => {
    ok(await b.client.signIn.email({ email, password: password1 }), "sign-in before change-password");
    const data = ok(
      await a.client.changePassword({
        currentPassword: password1,
        newPassword: password2,
        revokeOtherSessions: true,
      }),
      "change-password",
    );
    assert.equal(data.user.id, userId, "change-password: user.id");
    assert.equal(typeof data.token, "string", "change-password: token");
    const mine = ok(await a.client.getSession(), "get-session after change-password");
    assert.equal(mine?.user?.id, userId, "change-password: own session lost");
    const other = ok(await b.client.getSession(), "other get-session after change-password");
    assert.equal(other, null, "change-password: other session not revoked");
  });

  await check("old password rejected", async () => {
    const res = await c.client.signIn.email({ email, password: password1 });
    fails(res, 401, "INVALID_EMAIL_OR_PASSWORD", "old password");
    ok(await c.client.signIn.email({ email, password: password2 }), "new password");
    ok(await c.client.signOut(), "sign-out with new password");
  });

  await check("sign-out", async () => {
    const data = ok(await a.client.signOut(), "final sign-out");
    assert.equal(data.success, true, "final sign-out: success");
    const session = ok(await a.client.getSession(), "get-session after sign-out");
    assert.equal(session, null, "get-session after sign-out");
  });

  console.log(
    JSON.stringify({
      ok: true,
      email,
      userId,
      sessionsListed: listed,
      plugins: loaded.names,
      steps: steps.done,
    }),
  );
}

run("client.mjs", main);
