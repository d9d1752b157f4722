// Account security page: the two-factor setup wizard (scan or type the
// grouped key, verify a first code, then save the backup codes with copy,
// download or print and an acknowledgement), backup-code regeneration
// behind the password, and the active sessions with a confirmed revoke.
"use strict";
(function () {
  const { $, t, call, busy, fieldError, clearErrors, focusError, el, requireSession, confirmAction, copyText } = AL;
  let current = null, codes = [];

  function showTwoFactor(enabled) {
    $("tf-status").textContent = enabled ? t("tf_on") : t("tf_off");
    $("tf-enable-form").hidden = enabled;
    $("tf-manage-form").hidden = !enabled;
  }

  // step marks the wizard's current step for sighted and screen-reader users.
  function step(n) {
    document.querySelectorAll("#tf-setup .steps li").forEach((li, i) => {
      if (i === n) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
    });
  }

  // groupKey writes a base32 key in groups of four, as authenticator apps
  // accept it with or without the spaces.
  function groupKey(k) { return (k.match(/.{1,4}/g) || []).join(" "); }

  function showCodes(list) {
    codes = list;
    $("backup-codes").replaceChildren(...list.map((c) => el("li", {}, c)));
    $("codes-saved").checked = false;
    $("codes-done").disabled = true;
    $("codes-status").textContent = "";
    $("tf-manage-form").hidden = true; // one thing at a time: save the codes first
    $("tf-backup").hidden = false;
    $("tf-backup-title").focus();
  }

  $("tf-enable-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clearErrors(form);
    const password = $("tf-password").value;
    if (!password) { fieldError("tf-password", t("enter_password")); return focusError(form); }
    busy(form, true);
    const r = await call("two-factor/enable", { password: password, issuer: document.body.dataset.brand });
    if (!r.ok) {
      busy(form, false);
      fieldError("tf-password", r.message);
      return focusError(form);
    }
    const qr = await call("/ui/qr", { uri: r.data.totpURI });
    busy(form, false);
    if (qr.ok) $("tf-qr").src = qr.data.src;
    $("totp-secret").textContent = groupKey(new URL(r.data.totpURI).searchParams.get("secret") || "");
    codes = r.data.backupCodes || []; // shown once the first code proves the app works
    form.reset();
    form.hidden = true;
    $("tf-status").textContent = t("tf_pending");
    step(0);
    $("tf-setup").hidden = false;
    $("tf-code").focus();
  });

  $("tf-key-copy").addEventListener("click", () => copyText($("totp-secret").textContent.replace(/\s/g, ""), $("tf-key-status")));

  $("tf-code").addEventListener("focus", () => step(1));
  $("tf-verify-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clearErrors(form);
    const code = $("tf-code").value.replace(/\s/g, "");
    if (!/^\d{6}$/.test(code)) { fieldError("tf-code", t("enter_6")); return focusError(form); }
    busy(form, true);
    const r = await call("two-factor/verify-totp", { code: code });
    busy(form, false);
    if (!r.ok) { fieldError("tf-code", r.message); return focusError(form); }
    form.reset();
    $("tf-setup").hidden = true;
    showTwoFactor(true);
    showCodes(codes);
  });

  $("codes-copy").addEventListener("click", () => copyText(codes.join("\n"), $("codes-status")));
  $("codes-download").addEventListener("click", () => {
    const head = t("codes_file", { brand: document.body.dataset.brand, email: current.user.email });
    const blob = new Blob([head + "\n\n" + codes.join("\n") + "\n"], { type: "text/plain" });
    const a = el("a", { href: URL.createObjectURL(blob), download: document.body.dataset.brand + "-backup-codes.txt" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    $("codes-status").textContent = t("codes_downloaded");
  });
  $("codes-print").addEventListener("click", () => window.print());
  $("codes-saved").addEventListener("change", () => { $("codes-done").disabled = !$("codes-saved").checked; });
  $("codes-done").addEventListener("click", () => {
    codes = [];
    $("backup-codes").replaceChildren();
    $("tf-backup").hidden = true;
    $("tf-manage-form").hidden = false;
    $("tf-status").focus();
  });

  $("tf-manage-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target, action = ev.submitter ? ev.submitter.value : "regen";
    clearErrors(form);
    const password = $("tf-manage-password").value;
    if (!password) { fieldError("tf-manage-password", t("enter_password")); return focusError(form); }
    busy(form, true);
    const r = await call(action === "disable" ? "two-factor/disable" : "two-factor/generate-backup-codes", { password: password });
    busy(form, false);
    if (!r.ok) { fieldError("tf-manage-password", r.message); return focusError(form); }
    $("tf-manage-password").value = "";
    if (action === "disable") {
      $("tf-backup").hidden = true;
      showTwoFactor(false);
      $("tf-status").focus();
    } else showCodes(r.data.backupCodes || []);
  });

  // device names a user agent in a few words.
  function device(ua) {
    if (!ua) return t("unknown_device");
    const b = /Edg\//.test(ua) ? "Edge" : /Chrome\//.test(ua) ? "Chrome" : /Firefox\//.test(ua) ? "Firefox" :
      /Safari\//.test(ua) ? "Safari" : /node|undici/i.test(ua) ? "API client" : ua.split(/[\/ ]/)[0];
    const os = /Windows/.test(ua) ? "Windows" : /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" :
      /Mac OS X/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : "";
    return os ? b + " " + t("on") + " " + os : b;
  }

  async function loadSessions() {
    const body = $("sessions").tBodies[0];
    body.setAttribute("aria-busy", "true");
    const r = await call("list-sessions");
    body.setAttribute("aria-busy", "false");
    if (!r.ok) { $("sessions-error").textContent = r.message; return; }
    $("sessions-error").textContent = "";
    const rows = r.data.map((s) => {
      const tr = el("tr", { "data-session-id": s.id }), name = device(s.userAgent);
      const d = el("td", {}, name);
      if (s.id === current.session.id) d.append(" ", el("span", { class: "badge" }, t("this_device")));
      tr.append(d, el("td", {}, s.ipAddress || "—"), el("td", {}, new Date(s.updatedAt).toLocaleString(document.documentElement.lang)));
      const act = el("td");
      if (s.id !== current.session.id) {
        const b = el("button", { type: "button", class: "danger revoke", "aria-label": t("revoke_label", { d: name }) }, t("revoke"));
        b.addEventListener("click", async () => {
          if (!(await confirmAction(t("revoke_title"), t("revoke_text", { d: name }), t("revoke")))) return;
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
    $("whoami").textContent = t("signed_in_as", { name: current.user.name || "", email: current.user.email });
    $("sessions-title").setAttribute("tabindex", "-1");
    $("tf-status").setAttribute("tabindex", "-1");
    showTwoFactor(!!current.user.twoFactorEnabled);
    await loadSessions();
    $("loading").remove();
  }
  start();
})();
