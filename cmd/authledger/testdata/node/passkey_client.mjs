// passkey_client.mjs drives a running authledger server's passkey routes
// with the official Better Auth client (better-auth@1.7.25,
// `createAuthClient`, its `$fetch` on the passkey plugin's routes: the
// passkeyClient plugin ships in a separate package and its ceremony needs
// a browser's navigator.credentials). A small software authenticator over
// node:crypto answers the ceremonies: ES256 key, attestation "none",
// discoverable credential (the user handle is the user id).
//
// Steps: sign-up, generate-register-options (shape), verify-registration,
// list-user-passkeys, sign-out, generate-authenticate-options and
// verify-authentication without an email (a session), the assertion
// replayed with its original challenge cookie (400 CHALLENGE_ALREADY_USED),
// update-passkey, delete-passkey.
//
// Environment:
//   AUTHLEDGER_URL     base URL of the server (required)
//   AUTHLEDGER_ORIGIN  Origin header to send (default: the origin of AUTHLEDGER_URL)
//
// On success it prints one JSON line (the summary) and exits 0; on the
// first failed assertion it prints the failed step and exits 1.
import assert from "node:assert/strict";
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { baseURL, check, fails, newBrowser, ok, run, steps } from "./harness.mjs";

const email = `pk-${randomBytes(6).toString("hex")}@example.test`;
const password = "correct horse battery staple 1";
// The page origin the authenticator reports: localhost on the server's
// port (WebAuthn refuses IP-address RP IDs; the server's default RP ID
// for an IP base URL is localhost).
const pageOrigin = `${new URL(baseURL).protocol}//localhost:${new URL(baseURL).port}`;

const b64url = (b) => Buffer.from(b).toString("base64url");
const sha256 = (b) => createHash("sha256").update(b).digest();

// cbor encodes the few CBOR items a WebAuthn answer needs.
function cbor(v) {
  const head = (major, n) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  };
  if (typeof v === "number") return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === "string") return Buffer.concat([head(3, Buffer.byteLength(v)), Buffer.from(v)]);
  if (Buffer.isBuffer(v)) return Buffer.concat([head(2, v.length), v]);
  if (v instanceof Map) {
    const parts = [head(5, v.size)];
    for (const [k, x] of v) parts.push(cbor(k), cbor(x));
    return Buffer.concat(parts);
  }
  throw new Error(`cbor: unsupported ${typeof v}`);
}

// Authenticator is one software passkey.
class Authenticator {
  constructor(userHandle) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.key = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    this.cose = cbor(new Map([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x, "base64url")], [-3, Buffer.from(jwk.y, "base64url")]]));
    this.id = randomBytes(32);
    this.userHandle = userHandle;
    this.count = 0;
  }

  clientData(type, challenge) {
    return Buffer.from(JSON.stringify({ type, challenge, origin: pageOrigin, crossOrigin: false }));
  }

  // create answers creation options.
  create(opts) {
    const flags = 0x45; // UP, UV, AT
    const authData = Buffer.concat([sha256(opts.rp.id), Buffer.from([flags]), Buffer.alloc(4), Buffer.alloc(16),
      Buffer.from([this.id.length >> 8, this.id.length & 0xff]), this.id, this.cose]);
    const att = cbor(new Map([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]));
    return { id: b64url(this.id), rawId: b64url(this.id), type: "public-key", clientExtensionResults: {},
      response: { clientDataJSON: b64url(this.clientData("webauthn.create", opts.challenge)), attestationObject: b64url(att),
        transports: ["internal"] } };
  }

  // get answers request options.
  get(opts) {
    this.count++;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.count);
    const authData = Buffer.concat([sha256(opts.rpId), Buffer.from([0x05]), counter]);
    const cd = this.clientData("webauthn.get", opts.challenge);
    const signature = sign("sha256", Buffer.concat([authData, sha256(cd)]), this.key);
    return { id: b64url(this.id), rawId: b64url(this.id), type: "public-key", clientExtensionResults: {},
      response: { clientDataJSON: b64url(cd), authenticatorData: b64url(authData), signature: b64url(signature),
        userHandle: b64url(Buffer.from(this.userHandle)) } };
  }
}

async function main() {
  const { client: laptop } = newBrowser([]);
  let userId = "";
  let device;
  let passkeyId = "";

  await check("sign-up", async () => {
    userId = ok(await laptop.signUp.email({ name: "Pass Key", email, password }), "sign-up").user.id;
    device = new Authenticator(userId);
  });

  await check("register", async () => {
    const opts = ok(await laptop.$fetch("/passkey/generate-register-options", { method: "GET" }), "generate-register-options");
    assert.equal(opts.rp.id, "localhost", "rp.id");
    assert.equal(Buffer.from(opts.user.id, "base64url").toString(), userId, "user.id is the user id");
    assert.equal(opts.user.name, email, "user.name");
    assert.deepEqual(opts.pubKeyCredParams.map((p) => p.alg), [-8, -7, -257], "algorithms");
    assert.ok(Buffer.from(opts.challenge, "base64url").length >= 32, "challenge ≥ 32 bytes");
    const pk = ok(await laptop.$fetch("/passkey/verify-registration", { method: "POST",
      body: { response: device.create(opts), name: "node" } }), "verify-registration");
    assert.equal(pk.userId, userId, "passkey userId");
    assert.equal(pk.name, "node", "passkey name");
    passkeyId = pk.id;
    const list = ok(await laptop.$fetch("/passkey/list-user-passkeys", { method: "GET" }), "list-user-passkeys");
    assert.deepEqual(list.map((p) => p.id), [passkeyId], "listed");
  });

  await check("sign-in with the passkey", async () => {
    ok(await laptop.signOut(), "sign-out");
    const { client: kiosk, jar: kioskJar } = newBrowser([]);
    const opts = ok(await kiosk.$fetch("/passkey/generate-authenticate-options", { method: "GET" }), "generate-authenticate-options");
    assert.equal(opts.rpId, "localhost", "rpId");
    // The challenge cookie as the options response set it: the replay below
    // sends it again, as an attacker holding the whole exchange would.
    const challengeCookies = new Map(kioskJar.cookies);
    assert.ok(challengeCookies.size > 0, "generate-authenticate-options set a challenge cookie");
    const answer = device.get(opts);
    const data = ok(await kiosk.$fetch("/passkey/verify-authentication", { method: "POST", body: { response: answer } }),
      "verify-authentication");
    assert.equal(data.user.id, userId, "{session, user}.user");
    assert.equal(data.session.userId, userId, "{session, user}.session");
    assert.equal(ok(await kiosk.getSession(), "get-session").user.id, userId, "signed in without an email");
    const { client: attacker, jar: attackerJar } = newBrowser([]);
    for (const [k, v] of challengeCookies) attackerJar.cookies.set(k, v);
    fails(await attacker.$fetch("/passkey/verify-authentication", { method: "POST", body: { response: answer } }), 400,
      "CHALLENGE_ALREADY_USED", "assertion replayed with its original challenge cookie");
  });

  await check("update and delete", async () => {
    ok(await laptop.signIn.email({ email, password }), "sign-in");
    const upd = ok(await laptop.$fetch("/passkey/update-passkey", { method: "POST", body: { id: passkeyId, name: "renamed" } }),
      "update-passkey");
    assert.equal(upd.passkey.name, "renamed", "renamed");
    fails(await laptop.$fetch("/passkey/delete-passkey", { method: "POST", body: { id: "nope" } }), 404, "PASSKEY_NOT_FOUND",
      "delete unknown");
    assert.equal(ok(await laptop.$fetch("/passkey/delete-passkey", { method: "POST", body: { id: passkeyId } }), "delete").status,
      true, "deleted");
    const { client: kiosk } = newBrowser([]);
    const opts = ok(await kiosk.$fetch("/passkey/generate-authenticate-options", { method: "GET" }), "options");
    fails(await kiosk.$fetch("/passkey/verify-authentication", { method: "POST", body: { response: device.get(opts) } }), 400,
      "AUTHENTICATION_FAILED", "deleted passkey");
  });

  console.log(JSON.stringify({ ok: true, userId, steps: steps.done }));
}

run("passkey_client.mjs", main);
