// Passkeys through the WebAuthn browser API and the Better Auth passkey
// routes: registration (signed in) and discoverable sign-in (no email).
"use strict";
window.ALPasskey = (function () {
  const { call } = AL;

  function fromB64url(s) {
    const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer;
  }
  function toB64url(buf) {
    let s = "";
    new Uint8Array(buf).forEach((b) => { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function descriptors(list) {
    return (list || []).map((d) => Object.assign({}, d, { id: fromB64url(d.id) }));
  }
  // failure turns a WebAuthn exception into a message for the page.
  function failure(e) {
    const msg = e && e.name === "NotAllowedError" ? AL.t("pk_cancelled") :
      e && e.name === "InvalidStateError" ? AL.t("pk_exists") : AL.t("pk_unavailable");
    return { ok: false, message: msg };
  }

  // register creates a passkey for the signed-in person.
  async function register(name) {
    if (!window.PublicKeyCredential) return { ok: false, message: AL.t("pk_unsupported") };
    const o = await call("passkey/generate-register-options");
    if (!o.ok) return o;
    const pk = Object.assign({}, o.data, {
      challenge: fromB64url(o.data.challenge),
      user: Object.assign({}, o.data.user, { id: fromB64url(o.data.user.id) }),
      excludeCredentials: descriptors(o.data.excludeCredentials),
    });
    let cred;
    try { cred = await navigator.credentials.create({ publicKey: pk }); } catch (e) { return failure(e); }
    const r = cred.response;
    const response = {
      id: cred.id, rawId: toB64url(cred.rawId), type: cred.type,
      response: { clientDataJSON: toB64url(r.clientDataJSON), attestationObject: toB64url(r.attestationObject),
        transports: r.getTransports ? r.getTransports() : [] },
      clientExtensionResults: cred.getClientExtensionResults(), authenticatorAttachment: cred.authenticatorAttachment || undefined,
    };
    const body = { response: response };
    if (name) body.name = name;
    return call("passkey/verify-registration", body);
  }

  // signIn signs in with a discoverable passkey.
  async function signIn() {
    if (!window.PublicKeyCredential) return { ok: false, message: AL.t("pk_unsupported") };
    const o = await call("passkey/generate-authenticate-options");
    if (!o.ok) return o;
    const pk = Object.assign({}, o.data, { challenge: fromB64url(o.data.challenge), allowCredentials: descriptors(o.data.allowCredentials) });
    let cred;
    try { cred = await navigator.credentials.get({ publicKey: pk }); } catch (e) { return failure(e); }
    const r = cred.response;
    const response = {
      id: cred.id, rawId: toB64url(cred.rawId), type: cred.type,
      response: { clientDataJSON: toB64url(r.clientDataJSON), authenticatorData: toB64url(r.authenticatorData),
        signature: toB64url(r.signature), userHandle: r.userHandle ? toB64url(r.userHandle) : undefined },
      clientExtensionResults: cred.getClientExtensionResults(), authenticatorAttachment: cred.authenticatorAttachment || undefined,
    };
    return call("passkey/verify-authentication", { response: response });
  }

  return { register, signIn };
})();
