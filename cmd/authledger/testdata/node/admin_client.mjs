// admin_client.mjs drives the admin plugin routes of a running authledger
// server with the official Better Auth client (better-auth@1.7.25 with
// adminClient), unchanged. The administrator (ADMIN_EMAIL, ADMIN_PASSWORD)
// was granted the admin role by the operator's "authledger people
// set-role" before the script runs.
//
// Environment: AUTHLEDGER_URL, AUTHLEDGER_ORIGIN (see harness.mjs),
// ADMIN_EMAIL, ADMIN_PASSWORD. On success it prints one JSON line (the
// summary) and exits 0.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { adminClient } from "better-auth/client/plugins";
import { check, fails, newBrowser, ok, run, steps } from "./harness.mjs";

const adminEmail = process.env.ADMIN_EMAIL;
const adminPassword = process.env.ADMIN_PASSWORD;
const password = "violet tangerine lamp 7";
const tag = randomBytes(4).toString("hex");
const email = (name) => `${name}-${tag}@example.test`;

async function main() {
  assert.ok(adminEmail && adminPassword, "ADMIN_EMAIL and ADMIN_PASSWORD must be set");
  const admin = newBrowser([adminClient()]);
  const user = newBrowser([adminClient()]);
  let adminID = "";
  const ids = {};

  await check("a user without the admin role is refused", async () => {
    const me = ok(await admin.client.signIn.email({ email: adminEmail, password: adminPassword }), "admin sign-in");
    adminID = me.user.id;
    ok(await user.client.signUp.email({ name: "Uma", email: email("uma"), password }), "sign-up uma");
    fails(await user.client.admin.listUsers({ query: {} }), 403, "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS", "list-users as a user");
    fails(await user.client.admin.setRole({ userId: adminID, role: "user" }), 403,
      "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE", "set-role as a user");
    const perm = ok(await user.client.admin.hasPermission({ permissions: { user: ["list"] } }), "has-permission as a user");
    assert.equal(perm.success, false, "a user may list users");
  });

  await check("create-user", async () => {
    for (const name of ["Cleo", "Bram", "Anke"]) {
      const created = ok(await admin.client.admin.createUser({ email: email(name.toLowerCase()), password, name, role: "user" }),
        `create-user ${name}`);
      assert.equal(created.user.role, "user", "created role");
      assert.equal(created.user.banned, false, "created banned");
      ids[name] = created.user.id;
    }
    fails(await admin.client.admin.createUser({ email: email("cleo"), password, name: "Again" }), 400,
      "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", "create-user twice");
  });

  await check("list-users with search, sort and pages", async () => {
    const query = { searchValue: tag, searchField: "email", searchOperator: "contains", sortBy: "name", sortDirection: "asc" };
    const all = ok(await admin.client.admin.listUsers({ query }), "list-users");
    assert.deepEqual(all.users.map((u) => u.name), ["Anke", "Bram", "Cleo", "Uma"], "sorted by name");
    assert.equal(all.total, 4, "total");
    const page = ok(await admin.client.admin.listUsers({ query: { ...query, sortDirection: "desc", limit: 2, offset: 1 } }),
      "list-users page");
    assert.deepEqual(page.users.map((u) => u.name), ["Cleo", "Bram"], "second page");
    assert.equal(page.total, 4, "page total");
    assert.equal(page.limit, 2, "page limit");
    assert.equal(page.offset, 1, "page offset");
    const admins = ok(await admin.client.admin.listUsers({ query: { filterField: "role", filterValue: "admin" } }), "filter");
    assert.ok(admins.users.some((u) => u.id === adminID), "the admin is not among the admins");
    const got = ok(await admin.client.admin.getUser({ query: { id: ids.Bram } }), "get-user");
    assert.equal(got.email, email("bram"), "get-user email");
  });

  await check("set-role", async () => {
    const up = ok(await admin.client.admin.setRole({ userId: ids.Bram, role: "admin" }), "set-role admin");
    assert.equal(up.user.role, "admin", "role after set-role");
    const down = ok(await admin.client.admin.setRole({ userId: ids.Bram, role: "user" }), "set-role user");
    assert.equal(down.user.role, "user", "role back");
    const upd = ok(await admin.client.admin.updateUser({ userId: ids.Bram, data: { name: "Bram B." } }), "update-user");
    assert.equal(upd.name, "Bram B.", "update-user name");
  });

  await check("ban and unban", async () => {
    const anke = newBrowser([adminClient()]);
    ok(await anke.client.signIn.email({ email: email("anke"), password }), "anke sign-in");
    const banned = ok(await admin.client.admin.banUser({ userId: ids.Anke, banReason: "spam", banExpiresIn: 3600 }), "ban-user");
    assert.equal(banned.user.banned, true, "banned");
    assert.equal(banned.user.banReason, "spam", "banReason");
    assert.ok(Date.parse(banned.user.banExpires) > Date.now(), "banExpires");
    assert.equal(ok(await anke.client.getSession(), "banned get-session"), null, "a banned user's session lives");
    fails(await anke.client.signIn.email({ email: email("anke"), password }), 403, "BANNED_USER", "banned sign-in");
    const lifted = ok(await admin.client.admin.unbanUser({ userId: ids.Anke }), "unban-user");
    assert.equal(lifted.user.banned, false, "unbanned");
    ok(await anke.client.signIn.email({ email: email("anke"), password }), "sign-in after unban");
  });

  await check("list and revoke user sessions", async () => {
    const c1 = newBrowser([adminClient()]);
    const c2 = newBrowser([adminClient()]);
    ok(await c1.client.signIn.email({ email: email("cleo"), password }), "cleo sign-in 1");
    ok(await c2.client.signIn.email({ email: email("cleo"), password }), "cleo sign-in 2");
    const listed = ok(await admin.client.admin.listUserSessions({ userId: ids.Cleo }), "list-user-sessions");
    assert.equal(listed.sessions.length, 2, `sessions: ${JSON.stringify(listed.sessions)}`);
    const first = ok(await c1.client.getSession(), "cleo get-session 1");
    const target = listed.sessions.find((s) => s.id === first.session.id);
    assert.ok(target, "cleo's first session is not listed");
    ok(await admin.client.admin.revokeUserSession({ sessionToken: target.token }), "revoke-user-session");
    assert.equal(ok(await c1.client.getSession(), "after revoke"), null, "revoked session lives");
    assert.notEqual(ok(await c2.client.getSession(), "other session"), null, "the other session ended too");
    ok(await admin.client.admin.revokeUserSessions({ userId: ids.Cleo }), "revoke-user-sessions");
    assert.equal(ok(await c2.client.getSession(), "after revoke all"), null, "a session survived revoke-user-sessions");
  });

  await check("impersonate and stop impersonating", async () => {
    fails(await admin.client.admin.impersonateUser({ userId: adminID }), 403, "YOU_CANNOT_IMPERSONATE_ADMINS",
      "impersonating an admin");
    const imp = ok(await admin.client.admin.impersonateUser({ userId: ids.Bram }), "impersonate-user");
    assert.equal(imp.session.impersonatedBy, adminID, "impersonatedBy");
    assert.ok(Date.parse(imp.session.expiresAt) - Date.now() <= 3600 * 1000, "impersonation lasts more than an hour");
    const as = ok(await admin.client.getSession(), "get-session while impersonating");
    assert.equal(as.user.id, ids.Bram, "impersonated user");
    assert.equal(as.session.impersonatedBy, adminID, "get-session impersonatedBy");
    const back = ok(await admin.client.admin.stopImpersonating(), "stop-impersonating");
    assert.equal(back.user.id, adminID, "stop-impersonating user");
    const me = ok(await admin.client.getSession(), "get-session after stop");
    assert.equal(me.user.id, adminID, "admin session not restored");
    assert.equal(me.session.impersonatedBy, undefined, "admin session marked as impersonated");
  });

  await check("set-user-password", async () => {
    const fresh = "amber kettle meadow 9";
    const set = ok(await admin.client.admin.setUserPassword({ userId: ids.Bram, newPassword: fresh }), "set-user-password");
    assert.equal(set.status, true, "set-user-password status");
    const b = newBrowser([adminClient()]);
    ok(await b.client.signIn.email({ email: email("bram"), password: fresh }), "sign-in with the new password");
    fails(await b.client.signIn.email({ email: email("bram"), password }), 401, "INVALID_EMAIL_OR_PASSWORD", "old password");
  });

  await check("remove-user and has-permission", async () => {
    fails(await admin.client.admin.removeUser({ userId: adminID }), 400, "YOU_CANNOT_REMOVE_YOURSELF", "remove self");
    const removed = ok(await admin.client.admin.removeUser({ userId: ids.Cleo }), "remove-user");
    assert.equal(removed.success, true, "remove-user success");
    fails(await admin.client.admin.getUser({ query: { id: ids.Cleo } }), 404, "USER_NOT_FOUND", "get removed user");
    const perm = ok(await admin.client.admin.hasPermission({ permissions: { user: ["create", "ban"], session: ["revoke"] } }),
      "has-permission");
    assert.equal(perm.success, true, "admin permissions");
    assert.equal(admin.client.admin.checkRolePermission({ role: "admin", permissions: { user: ["ban"] } }), true,
      "checkRolePermission admin");
    assert.equal(admin.client.admin.checkRolePermission({ role: "user", permissions: { user: ["ban"] } }), false,
      "checkRolePermission user");
  });

  console.log(JSON.stringify({ ok: true, steps: steps.done }));
}

run("admin_client.mjs", main);
