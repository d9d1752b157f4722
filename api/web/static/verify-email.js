// Verify-email page: where verification links land. ?error=<code> (a used,
// expired or unknown link) or ?sent=1 (sign-up or sign-in is waiting for a
// proven address) offers a new link; otherwise the address is verified and
// the page continues to the account when the link signed the person in,
// or to sign-in. Asking for a link says the same whether or not the
// address has an account waiting.
"use strict";
(function () {
  const { $, t, call, busy, fieldError, clearErrors, focusError, session, redirectTarget } = AL;
  const params = new URLSearchParams(location.search);
  const error = params.get("error") || "";
  const form = $("resend-form");

  function show(id) {
    $(id).hidden = false;
    $(id).focus();
  }

  if (error) {
    if (error === "TOKEN_EXPIRED") $("invalid-text").textContent = t("link_expired");
    form.hidden = false;
    show("invalid");
  } else if (params.get("sent") === "1") {
    form.hidden = false;
    show("pending");
  } else {
    session().then((r) => {
      if (r.ok && r.data) $("continue-link").href = redirectTarget();
      show("verified");
    });
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    $("resent").textContent = "";
    const email = $("email").value.trim();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
      fieldError("email", t("valid_email"));
      return focusError(form);
    }
    busy(form, true);
    const r = await call("send-verification-email", { email: email, callbackURL: "/ui/verify-email" });
    busy(form, false);
    if (!r.ok) {
      if (r.code === "VALIDATION_ERROR" || r.code === "INVALID_EMAIL") fieldError("email", t("valid_email"));
      else $("form-error").textContent = r.message;
      return focusError(form);
    }
    $("resent").textContent = t("verify_resent", { email: email });
    $("resent").focus();
  });
})();
