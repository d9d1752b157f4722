// Sign-in page: a "Continue as" card when a session exists, email and
// password first, then the second factor when the account asks for it.
"use strict";
(function () {
  const { $, t, call, busy, fieldError, clearErrors, focusError, session, redirectTarget } = AL;
  const form = $("signin-form");

  async function showContinue() {
    const r = await session();
    if (!r.ok || !r.data) return;
    $("continue-name").textContent = r.data.user.name || r.data.user.email;
    $("continue-email").textContent = r.data.user.email;
    $("continue").hidden = false;
  }
  $("continue-btn").addEventListener("click", () => location.assign(redirectTarget()));
  $("switch-btn").addEventListener("click", async () => {
    busy($("continue"), true);
    await call("sign-out", {});
    $("continue").hidden = true;
    busy($("continue"), false);
    $("email").focus();
  });

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const email = $("email").value.trim(), password = $("password").value;
    if (!email) fieldError("email", t("enter_email"));
    if (!password) fieldError("password", t("enter_password"));
    if (!email || !password) return focusError(form);
    busy(form, true);
    const r = await call("sign-in/email", { email: email, password: password, rememberMe: $("remember").checked });
    busy(form, false);
    if (r.ok && r.data && r.data.twoFactorRedirect) {
      location.assign("/ui/two-factor" + location.search);
      return;
    }
    if (r.ok) {
      location.assign(redirectTarget());
      return;
    }
    if (r.code === "EMAIL_NOT_VERIFIED") { // the server mailed a fresh link
      location.assign("/ui/verify-email?sent=1");
      return;
    }
    if (r.code === "INVALID_EMAIL_OR_PASSWORD") fieldError("password", r.message);
    else if (r.code === "VALIDATION_ERROR" || r.code === "INVALID_EMAIL") fieldError("email", r.message);
    else $("form-error").textContent = r.message;
    focusError(form);
  });

  // Social providers: sign-in/social answers the provider's URL; the
  // provider sends the browser back to the callback, then to the target.
  document.querySelectorAll(".social-btn").forEach((btn) => {
    btn.addEventListener("click", async () => {
      $("social-error").textContent = "";
      busy(form, true);
      const r = await call("sign-in/social", { provider: btn.dataset.provider, callbackURL: redirectTarget(),
        errorCallbackURL: "/ui/sign-in" });
      if (r.ok && r.data && r.data.url) {
        location.assign(r.data.url);
        return;
      }
      busy(form, false);
      $("social-error").textContent = r.message || t("social_failed");
    });
  });
  const params = new URLSearchParams(location.search);
  if (params.get("error") && $("social-error")) {
    $("social-error").textContent = params.get("error") === "account_not_linked"
      ? t("social_not_linked")
      : t("social_failed") + " (" + params.get("error") + ")";
  }

  const pk = $("passkey-btn");
  if (pk && window.ALPasskey) {
    pk.addEventListener("click", async () => {
      $("passkey-error").textContent = "";
      busy(form, true);
      const r = await ALPasskey.signIn();
      busy(form, false);
      if (r.ok) location.assign(redirectTarget());
      else $("passkey-error").textContent = r.message;
    });
  }
  showContinue();
})();
