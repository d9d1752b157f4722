// Forgot-password page: asks for a reset link. The answer is the same
// whether or not the address has an account, and so is what the page says.
"use strict";
(function () {
  const { $, t, call, busy, fieldError, clearErrors, focusError } = AL;
  const form = $("forgot-form");

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const email = $("email").value.trim();
    if (!email) {
      fieldError("email", t("enter_email"));
      return focusError(form);
    }
    busy(form, true);
    const r = await call("request-password-reset", { email: email, redirectTo: "/ui/reset-password" });
    busy(form, false);
    if (!r.ok) {
      if (r.code === "VALIDATION_ERROR" || r.code === "INVALID_EMAIL") fieldError("email", t("valid_email"));
      else $("form-error").textContent = r.message;
      return focusError(form);
    }
    $("sent-text").textContent = t("reset_sent", { email: email });
    form.hidden = true;
    $("sent").hidden = false;
    $("sent").focus();
  });
})();
