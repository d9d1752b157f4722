// Second-factor step of sign-in: an authenticator code or a backup code.
"use strict";
(function () {
  const { $, t, call, busy, fieldError, clearErrors, focusError, redirectTarget } = AL;
  const form = $("twofactor-form");
  const method = () => (form.querySelector("input[name=method]:checked") || {}).value;

  form.addEventListener("change", (ev) => {
    if (ev.target.name !== "method") return;
    const backup = method() === "backup";
    $("code-label").textContent = backup ? t("code_label_backup") : t("code_label_totp");
    $("code").setAttribute("inputmode", backup ? "text" : "numeric");
    // An error about the other kind of code no longer applies.
    clearErrors(form);
    $("code").value = "";
  });

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const code = $("code").value.trim();
    if (!code) {
      fieldError("code", t("enter_code"));
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
    if (r.code === "INVALID_CODE" || r.code === "INVALID_BACKUP_CODE" || r.code === "INVALID_TWO_FACTOR_COOKIE") fieldError("code", r.message);
    else if (r.status === 401) fieldError("code", t("err.UNAUTHORIZED"));
    else $("form-error").textContent = r.message;
    focusError(form);
    $("code").select();
  });
})();
