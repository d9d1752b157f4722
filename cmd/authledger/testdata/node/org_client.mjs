// org_client.mjs drives a running authledger server's organization routes
// with the official Better Auth client (better-auth@1.7.25,
// `createAuthClient` + `organizationClient`), unchanged: create, list,
// set-active, invite, accept, get-full-organization, update-member-role,
// remove, leave.
//
// Environment:
//   AUTHLEDGER_URL     base URL of the server (required)
//   AUTHLEDGER_ORIGIN  Origin header to send (default: the origin of AUTHLEDGER_URL)
//   AUTHLEDGER_PREFIX  prefix of the emails and the slug (default: random)
//
// On success it prints one JSON line (the summary) and exits 0; on the
// first failed assertion it prints the failed step and exits 1.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { check, fails, newBrowser, ok, run, steps } from "./harness.mjs";
import { organizationClient } from "better-auth/client/plugins";

const prefix = process.env.AUTHLEDGER_PREFIX || `org-${randomBytes(4).toString("hex")}`;
const password = "correct horse battery staple 1";

// browser returns an official client with the organization plugin.
function browser() {
  return newBrowser([organizationClient()]).client;
}

async function main() {
  const alice = browser();
  const bob = browser();
  const carol = browser();
  const emails = { alice: `${prefix}-alice@example.test`, bob: `${prefix}-bob@example.test`, carol: `${prefix}-carol@example.test` };
  const slug = `${prefix}-acme`;
  let orgId = "";
  const memberIds = {};
  const userIds = {};

  await check("sign-up", async () => {
    for (const [who, client] of [["alice", alice], ["bob", bob], ["carol", carol]]) {
      const data = ok(await client.signUp.email({ name: who, email: emails[who], password }), `sign-up ${who}`);
      userIds[who] = data.user.id;
    }
  });

  await check("create", async () => {
    const org = ok(await alice.organization.create({ name: "Acme", slug }), "create");
    assert.match(org.id, /^[A-Za-z0-9]{32}$/, "create: id");
    assert.equal(org.slug, slug, "create: slug");
    assert.equal(org.members[0].role, "owner", "create: owner");
    orgId = org.id;
    fails(await bob.organization.create({ name: "Acme 2", slug }), 400, "ORGANIZATION_ALREADY_EXISTS", "duplicate slug");
  });

  await check("list", async () => {
    const list = ok(await alice.organization.list(), "list");
    assert.deepEqual(list.map((o) => o.id), [orgId], "list: ids");
  });

  await check("set-active", async () => {
    const org = ok(await alice.organization.setActive({ organizationId: orgId }), "set-active");
    assert.equal(org.id, orgId, "set-active: id");
    const session = ok(await alice.getSession(), "get-session");
    assert.equal(session.session.activeOrganizationId, orgId, "get-session: activeOrganizationId");
  });

  const invitations = {};
  await check("invite", async () => {
    for (const who of ["bob", "carol"]) {
      const inv = ok(await alice.organization.inviteMember({ email: emails[who], role: "member" }), `invite ${who}`);
      assert.equal(inv.status, "pending", `invite ${who}: status`);
      assert.equal(inv.organizationId, orgId, `invite ${who}: organizationId`);
      invitations[who] = inv.id;
    }
  });

  await check("accept", async () => {
    for (const [who, client] of [["bob", bob], ["carol", carol]]) {
      const data = ok(await client.organization.acceptInvitation({ invitationId: invitations[who] }), `accept ${who}`);
      assert.equal(data.member.userId, userIds[who], `accept ${who}: member.userId`);
      memberIds[who] = data.member.id;
    }
    fails(await carol.organization.acceptInvitation({ invitationId: invitations.bob }), 400, "INVITATION_NOT_FOUND",
      "accept twice");
  });

  await check("get-full-organization", async () => {
    const full = ok(await alice.organization.getFullOrganization(), "get-full-organization");
    assert.equal(full.id, orgId, "full: id");
    assert.deepEqual(full.members.map((m) => m.user.email).sort(), Object.values(emails).sort(), "full: member emails");
  });

  await check("update-member-role", async () => {
    const m = ok(await alice.organization.updateMemberRole({ memberId: memberIds.bob, role: "admin" }), "promote bob");
    assert.equal(m.role, "admin", "update-member-role: role");
    fails(await bob.organization.updateMemberRole({ memberId: memberIds.bob, role: "owner", organizationId: orgId }),
      403, "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER", "admin grants owner");
    const role = ok(await bob.organization.getActiveMemberRole(), "bob's role");
    assert.equal(role.role, "admin", "get-active-member-role");
  });

  await check("remove", async () => {
    const data = ok(await alice.organization.removeMember({ memberIdOrEmail: emails.carol }), "remove carol");
    assert.equal(data.member.userId, userIds.carol, "remove: userId");
    fails(await carol.organization.getFullOrganization({ query: { organizationId: orgId } }), 403,
      "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION", "removed member reads");
  });

  await check("leave", async () => {
    ok(await bob.organization.leave({ organizationId: orgId }), "bob leaves");
    fails(await alice.organization.leave({ organizationId: orgId }), 400,
      "YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER", "last owner leaves");
    const members = ok(await alice.organization.listMembers({ query: { organizationId: orgId } }), "list-members");
    assert.equal(members.total, 1, "list-members: total after leave");
  });

  console.log(JSON.stringify({ ok: true, organizationId: orgId, userIds, steps: steps.done }));
}

run("org_client.mjs", main);
