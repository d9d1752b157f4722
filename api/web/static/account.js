// Account security page: two-factor setup with a server-rendered QR code,
// backup codes, and the active sessions with revoke.
"use strict";
(function () {
  const { $, call, busy, fieldError, clearErrors, focusError, el, requireSession } = AL;
  let current = null;

  function showTwoFactor(enabled) {
    $("tf-status").textContent = enabled ? "On: sign-in asks for a code from your authenticator app." : "Off.";
    $("tf-enable-form").hidden = enabled;
    $("tf-manage-form").hidden = !enabled;
  }

  function showCodes(codes) {
    const ul = $("backup-codes");
    ul.replaceChildren(...codes.map((c) => el("li", {}, c)));
    $("tf-backup").hidden = false;
  }

  $("tf-enable-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clearErrors(form);
    const password = $("tf-password").value;
    if (!password) { fieldError("tf-password", "Enter your password."); return focusError(form); }
    busy(form, true);
    const r = await call("two-factor/enable", { password: password });
    if (!r.ok) {
      busy(form, false);
      fieldError("tf-password", r.code === "INVALID_PASSWORD" ? "That password is not right." : r.message);
      return focusError(form);
    }
    const qr = await call("/ui/qr", { uri: r.data.totpURI });
    busy(form, false);
    if (qr.ok) $("tf-qr").src = qr.data.src;
    $("totp-secret").textContent = new URL(r.data.totpURI).searchParams.get("secret") || "";
    form.hidden = true;
    $("tf-status").textContent = "Off until you enter a first code from the app.";
    $("tf-setup").hidden = false;
    showCodes(r.data.backupCodes || []);
    $("tf-code").focus();
  });

  $("tf-verify-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clearErrors(form);
    const code = $("tf-code").value.trim();
    if (!/^\d{6}$/.test(code)) { fieldError("tf-code", "Enter the 6-digit code."); return focusError(form); }
    busy(form, true);
    const r = await call("two-factor/verify-totp", { code: code });
    busy(form, false);
    if (!r.ok) { fieldError("tf-code", r.code === "INVALID_CODE" ? "That code is not valid. Try the next one." : r.message); return focusError(form); }
    $("tf-setup").hidden = true;
    showTwoFactor(true);
    $("tf-status").focus();
  });

  $("tf-manage-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target, action = ev.submitter ? ev.submitter.value : "regen";
    clearErrors(form);
    const password = $("tf-manage-password").value;
    if (!password) { fieldError("tf-manage-password", "Enter your password."); $("tf-manage-error").textContent = "Enter your password."; return focusError(form); }
    busy(form, true);
    const r = await call(action === "disable" ? "two-factor/disable" : "two-factor/generate-backup-codes", { password: password });
    busy(form, false);
    if (!r.ok) {
      $("tf-manage-error").textContent = r.code === "SESSION_NOT_FRESH" ? "Sign in again to turn off two-factor." : r.message;
      $("tf-manage-password").setAttribute("aria-invalid", "true");
      return focusError(form);
    }
    $("tf-manage-password").value = "";
    if (action === "disable") { $("tf-backup").hidden = true; showTwoFactor(false); } else showCodes(r.data.backupCodes || []);
  });

  // device names a user agent in a few words.
  function device(ua) {
    if (!ua) return "Unknown device";
    const b = /Edg\//.test(ua) ? "Edge" : /Chrome\//.test(ua) ? "Chrome" : /Firefox\//.test(ua) ? "Firefox" :
      /Safari\//.test(ua) ? "Safari" : /node|undici/i.test(ua) ? "API client" : ua.split(/[\/ ]/)[0];
    const os = /Windows/.test(ua) ? "Windows" : /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" :
      /Mac OS X/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : "";
    return os ? b + " on " + os : b;
  }

  async function loadSessions() {
    const body = $("sessions").tBodies[0];
    body.setAttribute("aria-busy", "true");
    const r = await call("list-sessions");
    body.setAttribute("aria-busy", "false");
    if (!r.ok) { $("sessions-error").textContent = r.message; return; }
    const rows = r.data.map((s) => {
      const tr = el("tr", { "data-session-id": s.id });
      const d = el("td", {}, device(s.userAgent));
      if (s.id === current.session.id) d.append(" ", el("span", { class: "badge" }, "This device"));
      tr.append(d, el("td", {}, s.ipAddress || "—"), el("td", {}, new Date(s.updatedAt).toLocaleString()));
      const act = el("td");
      if (s.id !== current.session.id) {
        const b = el("button", { type: "button", class: "danger revoke", "aria-label": "Revoke " + device(s.userAgent) + " session" }, "Revoke");
        b.addEventListener("click", async () => {
          busy(tr, true);
          const x = await call("revoke-session", { token: s.token });
          if (!x.ok) { busy(tr, false); $("sessions-error").textContent = x.message; return; }
          await loadSessions();
          $("sessions-title").focus();
        });
        act.append(b);
      }
      tr.append(act);
      return tr;
    });
    body.replaceChildren(...rows);
  }

  async function start() {
    current = await requireSession();
    if (!current) return;
    $("whoami").textContent = "Signed in as " + (current.user.name || "") + " <" + current.user.email + ">";
    $("sessions-title").setAttribute("tabindex", "-1");
    $("tf-status").setAttribute("tabindex", "-1");
    showTwoFactor(!!current.user.twoFactorEnabled);
    await loadSessions();
    $("loading").remove();
  }
  start();
})();
