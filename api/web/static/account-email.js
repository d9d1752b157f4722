// Account page: the email address (verified or not, a verification link,
// the change form) and account deletion, when the server offers them.
"use strict";
(function () {
  const { $, t, call, busy, fieldError, clearErrors, focusError, session } = AL;
  const status = $("email-status");

  async function showEmail() {
    const r = await session();
    if (!status || !r.ok || !r.data) return;
    const u = r.data.user;
    status.textContent = u.email + " · " + (u.emailVerified ? t("email_verified") : t("email_unverified"));
    $("email-verify-btn").hidden = u.emailVerified;
  }

  const verifyBtn = $("email-verify-btn");
  if (verifyBtn) {
    verifyBtn.addEventListener("click", async () => {
      const r0 = await session();
      if (!r0.ok || !r0.data) return;
      busy(verifyBtn.parentElement, true);
      const r = await call("send-verification-email", { email: r0.data.user.email, callbackURL: "/ui/account" });
      busy(verifyBtn.parentElement, false);
      status.textContent = r.ok ? t("verify_sent_to", { email: r0.data.user.email }) : r.message;
      status.focus();
    });
  }

  const change = $("email-change-form");
  if (change) {
    change.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      clearErrors(change);
      const next = $("email-new").value.trim();
      if (!next) {
        fieldError("email-new", t("enter_new_email"));
        return focusError(change);
      }
      busy(change, true);
      const r = await call("change-email", { newEmail: next, callbackURL: "/ui/account" });
      busy(change, false);
      if (!r.ok) {
        fieldError("email-new", r.message);
        return focusError(change);
      }
      status.textContent = t("change_email_sent");
      change.reset();
      status.focus();
    });
  }

  const del = $("delete-form");
  if (del) {
    del.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      clearErrors(del);
      const pw = $("delete-password").value;
      if (!pw) {
        fieldError("delete-password", t("enter_password"));
        return focusError(del);
      }
      busy(del, true);
      const r = await call("delete-user", { password: pw, callbackURL: "/ui/sign-in" });
      busy(del, false);
      if (!r.ok) {
        fieldError("delete-password", r.message);
        return focusError(del);
      }
      if (r.data && r.data.message && /verification/i.test(r.data.message)) {
        del.hidden = true;
        $("delete-sent").textContent = t("delete_sent");
        $("delete-sent").hidden = false;
        $("delete-sent").focus();
        return;
      }
      location.assign("/ui/sign-in");
    });
  }
  showEmail();
})();
