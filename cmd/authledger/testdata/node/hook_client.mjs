// hook_client.mjs drives a before-hook with the official Better Auth client
// (better-auth@1.7.25), unchanged: a sign-up from @blocked.example fails
// with the hook's message and code, and one from elsewhere signs up.
//
// Environment:
//   AUTHLEDGER_URL      base URL of the server (required)
//   AUTHLEDGER_ORIGIN   Origin header to send (default: the origin of AUTHLEDGER_URL)
//
// On success it prints one JSON line (the summary) and exits 0.
import assert from "node:assert/strict";
import { check, fails, newBrowser, ok, run, steps } from "./harness.mjs";

const password = "correct horse battery staple 1";

async function main() {
  const { client } = newBrowser([]);
  let refused;
  await check("blocked sign-up", async () => {
    refused = await client.signUp.email({ email: "mallory@blocked.example", password, name: "Mallory" });
    fails(refused, 403, "EMAIL_DOMAIN_BLOCKED", "signUp.email from blocked.example");
    assert.equal(refused.error.message, "Sign-ups from blocked.example are not accepted");
  });
  let user;
  await check("allowed sign-up", async () => {
    user = ok(await client.signUp.email({ email: "ann@example.com", password, name: "Ann" }), "signUp.email").user;
    const session = ok(await client.getSession(), "getSession");
    assert.equal(session.user.id, user.id);
  });
  console.log(JSON.stringify({ ok: true, steps: steps.done, refusedMessage: refused.error.message, userId: user.id }));
}

run("hook_client.mjs", main);
