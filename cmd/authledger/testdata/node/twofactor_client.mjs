// twofactor_client.mjs drives a running authledger server's two-factor
// routes with the official Better Auth client (better-auth@1.7.25,
// `createAuthClient` + `twoFactorClient`), unchanged: enable, verifyTotp
// (enrolment), the 2FA sign-in (onTwoFactorRedirect + verifyTotp with
// trustDevice), generateBackupCodes, verifyBackupCode (once), getTotpUri,
// a trusted device skipping the code, and disable. TOTP codes come from a
// small RFC 6238 implementation over node:crypto.
//
// Environment:
//   AUTHLEDGER_URL     base URL of the server (required)
//   AUTHLEDGER_ORIGIN  Origin header to send (default: the origin of AUTHLEDGER_URL)
//
// On success it prints one JSON line (the summary) and exits 0; on the
// first failed assertion it prints the failed step and exits 1.
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { check, fails, newBrowser, ok, run, steps } from "./harness.mjs";
import { twoFactorClient } from "better-auth/client/plugins";

const email = `tf-${randomBytes(6).toString("hex")}@example.test`;
const password = "correct horse battery staple 1";

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

// totp returns the RFC 6238 code (HMAC-SHA-1, 6 digits, 30 s) of secret at
// unix seconds t.
function totp(secret, t) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
  const mac = createHmac("sha1", base32(secret)).update(msg).digest();
  const off = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

const now = () => Date.now() / 1000;

// browser returns an official client with the two-factor plugin that
// records each 2FA redirect.
function browser(redirects) {
  const { client, jar } = newBrowser([twoFactorClient({ onTwoFactorRedirect: (ctx) => redirects.push(ctx.twoFactorMethods) })]);
  jars.set(client, jar);
  return client;
}

// jars maps each client to its cookie jar.
const jars = new Map();

async function main() {
  const redirects = [];
  const laptop = browser(redirects);
  let secret = "";
  let backupCodes = [];
  let userId = "";

  await check("sign-up", async () => {
    userId = ok(await laptop.signUp.email({ name: "Two Factor", email, password }), "sign-up").user.id;
  });

  await check("enable", async () => {
    fails(await laptop.twoFactor.enable({ password: "wrong wrong wrong" }), 400, "INVALID_PASSWORD", "enable wrong password");
    const data = ok(await laptop.twoFactor.enable({ password, issuer: "e2e" }), "enable");
    const uri = new URL(data.totpURI);
    assert.equal(uri.protocol, "otpauth:", "totpURI scheme");
    secret = uri.searchParams.get("secret");
    assert.ok(base32(secret).length >= 20, "secret ≥ 160 bits");
    assert.equal(data.backupCodes.length, 10, "10 backup codes");
    for (const c of data.backupCodes) assert.match(c, /^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/, "backup code shape");
    const session = ok(await laptop.getSession(), "get-session");
    assert.equal(session.user.twoFactorEnabled, false, "pending until the first code");
  });

  await check("verifyTotp enrolment", async () => {
    fails(await laptop.twoFactor.verifyTotp({ code: totp(secret, now() - 120) }), 401, "INVALID_CODE", "old code");
    ok(await laptop.twoFactor.verifyTotp({ code: totp(secret, now()) }), "verify-totp");
    const session = ok(await laptop.getSession(), "get-session");
    assert.equal(session.user.twoFactorEnabled, true, "twoFactorEnabled");
    const uri = ok(await laptop.twoFactor.getTotpUri({ password }), "get-totp-uri");
    assert.equal(new URL(uri.totpURI).searchParams.get("secret"), secret, "get-totp-uri secret");
  });

  await check("2fa sign-in", async () => {
    ok(await laptop.signOut(), "sign-out");
    const data = ok(await laptop.signIn.email({ email, password }), "sign-in");
    assert.equal(data.twoFactorRedirect, true, "twoFactorRedirect");
    assert.deepEqual(redirects, [["totp"]], "onTwoFactorRedirect called with the methods");
    assert.equal(await laptop.getSession().then((r) => r.data), null, "no session before the code");
    // The enrolment used this step: the next one (inside the ±1 window) works.
    const res = ok(await laptop.twoFactor.verifyTotp({ code: totp(secret, now() + 30), trustDevice: true }), "verify-totp");
    assert.match(res.token, /^[A-Za-z0-9]{32,64}$/, "session token");
    assert.ok(jars.get(laptop).has("better-auth.trust_device"), "trust_device cookie");
    const session = ok(await laptop.getSession(), "get-session");
    assert.equal(session.user.id, userId, "signed in");
  });

  await check("generateBackupCodes", async () => {
    const data = ok(await laptop.twoFactor.generateBackupCodes({ password }), "generate-backup-codes");
    assert.equal(data.status, true, "status");
    assert.equal(data.backupCodes.length, 10, "10 codes");
    backupCodes = data.backupCodes;
  });

  await check("verifyBackupCode", async () => {
    const phone = browser([]);
    assert.equal(ok(await phone.signIn.email({ email, password }), "sign-in").twoFactorRedirect, true, "redirect");
    ok(await phone.twoFactor.verifyBackupCode({ code: backupCodes[0] }), "verify-backup-code");
    assert.equal(ok(await phone.getSession(), "get-session").user.id, userId, "signed in with a backup code");
    const tablet = browser([]);
    ok(await tablet.signIn.email({ email, password }), "sign-in");
    fails(await tablet.twoFactor.verifyBackupCode({ code: backupCodes[0] }), 401, "INVALID_BACKUP_CODE", "backup code twice");
  });

  await check("trusted device", async () => {
    ok(await laptop.signOut(), "sign-out");
    const data = ok(await laptop.signIn.email({ email, password }), "sign-in");
    assert.equal(data.twoFactorRedirect, undefined, "trusted device skips 2FA");
    assert.match(data.token, /^[A-Za-z0-9]{32,64}$/, "token");
  });

  await check("disable", async () => {
    const data = ok(await laptop.twoFactor.disable({ password }), "disable");
    assert.equal(data.status, true, "status");
    assert.equal(ok(await laptop.getSession(), "get-session").user.twoFactorEnabled, false, "twoFactorEnabled off");
  });

  console.log(JSON.stringify({ ok: true, userId, steps: steps.done }));
}

run("twofactor_client.mjs", main);
