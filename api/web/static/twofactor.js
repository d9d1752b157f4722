// Second-factor step of sign-in: an authenticator code or a backup code.
"use strict";
(function () {
  const { $, call, busy, fieldError, clearErrors, focusError, redirectTarget } = AL;
  const form = $("twofactor-form");
  const method = () => (form.querySelector("input[name=method]:checked") || {}).value;

  form.addEventListener("change", (ev) => {
    if (ev.target.name !== "method") return;
    const backup = method() === "backup";
    $("code-label").textContent = backup ? "Backup code" : "6-digit code";
    $("code").setAttribute("inputmode", backup ? "text" : "numeric");
  });

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const code = $("code").value.trim();
    if (!code) {
      fieldError("code", "Enter the code.");
      return focusError(form);
    }
    busy(form, true);
    const path = method() === "backup" ? "two-factor/verify-backup-code" : "two-factor/verify-totp";
    const r = await call(path, { code: code, trustDevice: $("trust").checked });
    busy(form, false);
    if (r.ok) {
      location.assign(redirectTarget());
      return;
    }
    if (r.code === "INVALID_CODE" || r.code === "INVALID_BACKUP_CODE") fieldError("code", "That code is not valid. Try the next one.");
    else if (r.code === "INVALID_TWO_FACTOR_COOKIE" || r.status === 401) fieldError("code", r.message + " Sign in again if this persists.");
    else $("form-error").textContent = r.message;
    focusError(form);
    $("code").select();
  });
})();
