// Sign-up page with a live password-strength meter.
"use strict";
(function () {
  const { $, call, busy, fieldError, clearErrors, focusError, redirectTarget } = AL;
  const form = $("signup-form"), pw = $("password");
  const minLen = parseInt(document.body.dataset.minPassword, 10) || 8;
  const labels = ["Too weak", "Weak", "Fair", "Good", "Strong"];

  // score rates a password 0..4 from length, variety and obvious patterns.
  function score(p) {
    if (p.length < minLen) return 0;
    let s = 1;
    if (p.length >= 12) s++;
    if (p.length >= 16) s++;
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length;
    if (classes >= 3) s++;
    if (/^(.)\1+$/.test(p) || /^(password|12345678|qwerty)/i.test(p) || /(0123|1234|abcd|qwer)/i.test(p)) s = Math.min(s, 1);
    return Math.min(s, 4);
  }

  pw.addEventListener("input", () => {
    const p = pw.value, s = score(p);
    $("strength").value = s;
    $("strength-text").textContent = p.length < minLen
      ? "At least " + minLen + " characters (" + p.length + " so far)."
      : "Strength: " + labels[s] + ".";
  });

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const name = $("name").value.trim(), email = $("email").value.trim(), password = pw.value;
    if (!name) fieldError("name", "Enter your name.");
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) fieldError("email", "Enter a valid email address.");
    if (password.length < minLen) fieldError("password", "Use at least " + minLen + " characters.");
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
