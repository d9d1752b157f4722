// core_client.mjs drives the rest of the core surface of a running
// authledger server with the official Better Auth client (better-auth@1.7.25
// with multiSessionClient), unchanged: list-sessions / get-session /
// revoke-session consistency, verify-password, update-session and the
// multi-session device list (set-active, revoke; the list shows handles,
// never live tokens of other sessions, and the client's calls accept them).
//
// Environment: AUTHLEDGER_URL, AUTHLEDGER_ORIGIN (see harness.mjs).
// On success it prints one JSON line (the summary) and exits 0.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { multiSessionClient } from "better-auth/client/plugins";
import { check, fails, newBrowser, ok, run, steps } from "./harness.mjs";

const password = "correct horse battery staple 1";
const sessionCookie = "better-auth.session_token";
const tag = randomBytes(4).toString("hex");
const annEmail = `ann-${tag}@example.test`;
const bobEmail = `bob-${tag}@example.test`;

async function main() {
  const a = newBrowser([multiSessionClient()]); // ann, then bob on the same device
  const b = newBrowser([multiSessionClient()]); // ann's second browser
  let annToken = "";
  let bobToken = "";
  let annHandle = "";

  await check("list-sessions shows the current session", async () => {
    ok(await a.client.signUp.email({ name: "Ann", email: annEmail, password }), "sign-up ann");
    ok(await b.client.signIn.email({ email: annEmail, password }), "second browser");
    const current = ok(await a.client.getSession(), "get-session");
    annToken = current.session.token;
    const sessions = ok(await a.client.listSessions(), "list-sessions");
    assert.equal(sessions.length, 2, `list-sessions: ${JSON.stringify(sessions)}`);
    const mine = sessions.find((s) => s.token === current.session.token);
    assert.ok(mine, "list-sessions: the current session is not found by get-session's token");
    assert.equal(mine.id, current.session.id, "list-sessions: current entry id");
    const other = sessions.find((s) => s.token !== current.session.token);
    const theirs = ok(await b.client.getSession(), "second get-session");
    assert.notEqual(other.token, theirs.session.token, "list-sessions shows another session's live token");
    const revoked = ok(await a.client.revokeSession({ token: other.token }), "revoke-session by listed value");
    assert.equal(revoked.status, true, "revoke-session: status");
    assert.equal(ok(await b.client.getSession(), "revoked get-session"), null, "revoked session still works");
  });

  await check("revoke-session by the current listed value", async () => {
    ok(await b.client.signIn.email({ email: annEmail, password }), "second browser again");
    const sessions = ok(await b.client.listSessions(), "list-sessions");
    const current = ok(await b.client.getSession(), "get-session");
    const mine = sessions.find((s) => s.token === current.session.token);
    assert.ok(mine, "current session not listed by its token");
    ok(await b.client.revokeSession({ token: mine.token }), "revoke own session");
    assert.equal(ok(await b.client.getSession(), "after revoking own"), null, "own session survived");
  });

  await check("verify-password", async () => {
    const good = ok(await a.client.verifyPassword({ password }), "verify-password");
    assert.equal(good.status, true, "verify-password: status");
    fails(await a.client.verifyPassword({ password: "not the password" }), 400, "INVALID_PASSWORD", "wrong password");
  });

  await check("update-session", async () => {
    fails(await a.client.updateSession({ theme: "dark" }), 400, "NO_FIELDS_TO_UPDATE", "unknown field");
    fails(await a.client.updateSession({ activeOrganizationId: "x" }), 400, "FIELD_NOT_ALLOWED", "server field");
  });

  await check("multi-session device list", async () => {
    const data = ok(await a.client.signUp.email({ name: "Bob", email: bobEmail, password }), "sign-up bob");
    bobToken = data.token;
    const list = ok(await a.client.multiSession.listDeviceSessions(), "list-device-sessions");
    const byEmail = Object.fromEntries(list.map((s) => [s.user.email, s.session.token]));
    assert.deepEqual(Object.keys(byEmail).sort(), [annEmail, bobEmail].sort(), `device sessions ${JSON.stringify(list)}`);
    // the active session (bob's) shows its own token; the other one only a handle
    assert.equal(byEmail[bobEmail], bobToken, "device list: the active session's entry");
    assert.ok(byEmail[annEmail] && byEmail[annEmail] !== annToken, "device list shows another session's live token");
    annHandle = byEmail[annEmail];
  });

  await check("multi-session set-active", async () => {
    fails(await b.client.multiSession.setActive({ sessionToken: annHandle }), 401, "INVALID_SESSION_TOKEN",
      "set-active by a handle from a device that does not hold the session");
    const data = ok(await a.client.multiSession.setActive({ sessionToken: annHandle }), "set-active by the listed handle");
    assert.equal(data.session.token, annToken, "set-active: session.token");
    assert.equal(data.user.email, annEmail, "set-active: user.email");
    const now = ok(await a.client.getSession(), "get-session after set-active");
    assert.equal(now.user.email, annEmail, "set-active did not switch the session");
    fails(await b.client.multiSession.setActive({ sessionToken: bobToken }), 401, "INVALID_SESSION_TOKEN",
      "set-active of a session the device does not hold");
    ok(await a.client.multiSession.setActive({ sessionToken: annToken }), "set-active by the session's own token");
  });

  await check("multi-session revoke", async () => {
    const listed = ok(await a.client.multiSession.listDeviceSessions(), "list before revoke");
    const bobHandle = listed.find((s) => s.user.email === bobEmail).session.token;
    assert.notEqual(bobHandle, bobToken, "device list shows another session's live token");
    const other = ok(await a.client.multiSession.revoke({ sessionToken: bobHandle }), "revoke bob by the listed handle");
    assert.equal(other.status, true, "revoke: status");
    const still = ok(await a.client.getSession(), "get-session after revoking another");
    assert.equal(still.user.email, annEmail, "revoking another session changed the active one");
    const list = ok(await a.client.multiSession.listDeviceSessions(), "list after revoke");
    assert.deepEqual(list.map((s) => s.session.token), [annToken], "device list after revoke");
    ok(await a.client.multiSession.revoke({ sessionToken: annToken }), "revoke the active one");
    assert.ok(!a.jar.has(sessionCookie), "revoking the last session left a session cookie");
    assert.equal(ok(await a.client.getSession(), "get-session after revoking all"), null, "still signed in");
  });

  console.log(JSON.stringify({ ok: true, steps: steps.done }));
}

run("core_client.mjs", main);
