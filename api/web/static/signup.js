// Sign-up page with a live password-strength meter (the server's estimate).
"use strict";
(function () {
  const { $, t, call, busy, fieldError, clearErrors, focusError, redirectTarget } = AL;
  const form = $("signup-form"), pw = $("password");
  const minLen = parseInt(document.body.dataset.minPassword, 10) || 8;
  const labels = [0, 1, 2, 3, 4].map((i) => t("strength" + i));

  // The meter shows the server's own estimate (zxcvbn, the one the
  // sign-up policy applies), asked for at most once per pause in typing;
  // an answer to an older value is dropped.
  let timer = 0, asked = 0;
  async function rate() {
    const p = pw.value, n = ++asked;
    if (p.length < minLen) {
      $("strength").value = 0;
      $("strength-text").textContent = t("min_so_far", { n: minLen, m: p.length });
      return;
    }
    const r = await call("/ui/password-strength", { password: p, email: $("email").value.trim(), name: $("name").value.trim() });
    if (n !== asked || !r.ok || !r.data) return;
    const s = r.data.score;
    $("strength").value = s;
    $("strength").dataset.score = String(s);
    $("strength-text").textContent = r.data.acceptable
      ? t("strength", { s: labels[s] })
      : t("strength", { s: labels[s] }) + " " + r.data.message;
  }
  pw.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(rate, 250);
  });

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const name = $("name").value.trim(), email = $("email").value.trim(), password = pw.value;
    if (!name) fieldError("name", t("enter_name"));
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) fieldError("email", t("valid_email"));
    if (password.length < minLen) fieldError("password", t("min_chars", { n: minLen }));
    if (form.querySelector("[aria-invalid=true]")) return focusError(form);
    busy(form, true);
    const r = await call("sign-up/email", { name: name, email: email, password: password, callbackURL: "/ui/verify-email" });
    busy(form, false);
    if (r.ok && r.data && r.data.token === null) { // the address must be proven before a session opens
      location.assign("/ui/verify-email?sent=1");
      return;
    }
    if (r.ok) {
      location.assign(redirectTarget());
      return;
    }
    if (r.code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" || r.code === "INVALID_EMAIL") fieldError("email", r.message);
    else if (/PASSWORD/.test(r.code)) fieldError("password", r.message);
    else $("form-error").textContent = r.message;
    focusError(form);
  });
})();
