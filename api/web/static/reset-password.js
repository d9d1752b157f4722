// Reset-password page: the emailed link lands here with ?token= (or
// ?error=INVALID_TOKEN when the link was used or expired).
"use strict";
(function () {
  const { $, t, call, busy, fieldError, clearErrors, focusError } = AL;
  const form = $("reset-form");
  const params = new URLSearchParams(location.search);
  const token = params.get("token");
  const minLen = parseInt(document.body.dataset.minPassword, 10) || 8;

  function invalid() {
    form.hidden = true;
    $("invalid").hidden = false;
  }
  if (!token || params.get("error")) invalid();

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const pw = $("password").value, again = $("confirm").value;
    if (pw.length < minLen) fieldError("password", t("min_chars", { n: minLen }));
    else if (pw !== again) fieldError("confirm", t("pw_differ"));
    if (form.querySelector("[aria-invalid=true]")) return focusError(form);
    busy(form, true);
    const r = await call("reset-password", { newPassword: pw, token: token });
    busy(form, false);
    if (r.ok) {
      form.hidden = true;
      $("done").hidden = false;
      $("signin-link").focus();
      return;
    }
    if (r.code === "INVALID_TOKEN") return invalid();
    if (r.code && r.code.startsWith("PASSWORD_")) fieldError("password", r.message);
    else $("form-error").textContent = r.message;
    focusError(form);
  });
})();
