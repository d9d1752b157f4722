// otp_client.mjs drives two-factor by emailed code on a running authledger
// server with the official Better Auth client (better-auth@1.7.25,
// `twoFactorClient`), unchanged: enrol TOTP, sign in (the redirect offers
// totp and otp), twoFactor.sendOtp, read the code from the test mailbox,
// twoFactor.verifyOtp with trustDevice, and a replay refused.
//
// Environment:
//   AUTHLEDGER_URL      base URL of the server (required)
//   AUTHLEDGER_ORIGIN   Origin header to send (default: the origin of AUTHLEDGER_URL)
//   AUTHLEDGER_MAILBOX  URL answering the code of the newest mail (required)
//
// On success it prints one JSON line (the summary) and exits 0.
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { twoFactorClient } from "better-auth/client/plugins";
import { check, fails, newBrowser, ok, run, steps } from "./harness.mjs";

const email = `otp-${randomBytes(6).toString("hex")}@example.test`;
const password = "correct horse battery staple 1";
const mailbox = process.env.AUTHLEDGER_MAILBOX;

// base32 decodes RFC 4648 base32 without padding.
function base32(s) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of s.replace(/=+$/, "").toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// totp returns the RFC 6238 code of secret now.
function totp(secret) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const mac = createHmac("sha1", base32(secret)).update(msg).digest();
  const off = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

// mailedCode polls the mailbox until a code other than previous arrives.
async function mailedCode(previous) {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(mailbox);
    const code = (await res.text()).trim();
    if (res.ok && /^[0-9]{6}$/.test(code) && code !== previous) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no code arrived in the mailbox");
}

async function main() {
  const redirects = [];
  const { client, jar } = newBrowser([twoFactorClient({ onTwoFactorRedirect: (ctx) => redirects.push(ctx.twoFactorMethods) })]);
  let userId = "";
  let code = "";

  await check("enrol", async () => {
    userId = ok(await client.signUp.email({ name: "Otp User", email, password }), "sign-up").user.id;
    const secret = new URL(ok(await client.twoFactor.enable({ password }), "enable").totpURI).searchParams.get("secret");
    ok(await client.twoFactor.verifyTotp({ code: totp(secret) }), "verify-totp");
    ok(await client.signOut(), "sign-out");
  });

  await check("sign-in offers otp", async () => {
    const data = ok(await client.signIn.email({ email, password }), "sign-in");
    assert.equal(data.twoFactorRedirect, true, "twoFactorRedirect");
    assert.deepEqual(redirects, [["totp", "otp"]], "methods");
  });

  await check("sendOtp", async () => {
    const data = ok(await client.twoFactor.sendOtp(), "send-otp");
    assert.equal(data.status, true, "send-otp: status");
    code = await mailedCode("");
  });

  await check("verifyOtp", async () => {
    const wrong = code === "000000" ? "111111" : "000000";
    fails(await client.twoFactor.verifyOtp({ code: wrong }), 401, "INVALID_CODE", "wrong code");
    const data = ok(await client.twoFactor.verifyOtp({ code, trustDevice: true }), "verify-otp");
    assert.equal(data.user.id, userId, "verify-otp: user.id");
    assert.ok(jar.has("better-auth.trust_device"), "trust_device cookie");
    assert.equal(ok(await client.getSession(), "get-session").user.id, userId, "signed in");
    fails(await client.twoFactor.verifyOtp({ code }), 401, "INVALID_TWO_FACTOR_COOKIE", "replayed code");
  });

  console.log(JSON.stringify({ ok: true, userId, steps: steps.done }));
}

if (!mailbox) {
  console.error("AUTHLEDGER_MAILBOX is not set");
  process.exit(2);
}
run("otp_client.mjs", main);
