// Account page: the ways the person signs in (the password and each linked
// provider account) with an Unlink button each, a Link button for each
// configured provider not linked yet (link-social: the provider sends the
// browser back here), and "Set a password" for a person without one (a
// reset link mailed to their address sets it).
"use strict";
(function () {
  const { $, t, call, busy, el, session, confirmAction } = AL;
  const list = $("accounts");
  if (!list) return;
  const errorOut = $("accounts-error");

  // Messages for the answers a person can act on.
  const messages = {
    FAILED_TO_UNLINK_LAST_ACCOUNT: t("err.FAILED_TO_UNLINK_LAST_ACCOUNT"),
    SESSION_NOT_FRESH: t("unlink_fresh"),
    account_already_linked_to_different_user: t("linked_elsewhere"),
    state_mismatch: t("link_incomplete"),
  };

  function label(a) {
    return a.providerId === "credential" ? t("password") : a.providerId;
  }

  function item(a) {
    const li = el("li", { "data-provider": a.providerId });
    const text = el("span", {}, label(a));
    if (a.providerId !== "credential") text.append(el("span", { class: "muted" }, " · " + a.accountId));
    const unlink = el("button", { type: "button", class: "danger unlink-btn", "aria-label": t("unlink_label", { what: label(a) }) }, t("unlink"));
    unlink.addEventListener("click", async () => {
      errorOut.textContent = "";
      if (!(await confirmAction(t("unlink_title", { what: label(a) }), t("unlink_text"), t("unlink")))) return;
      busy(li, true);
      const r = await call("unlink-account", { providerId: a.providerId, accountId: a.accountId });
      busy(li, false);
      if (!r.ok) {
        errorOut.textContent = messages[r.code] || r.message;
        unlink.focus();
        return;
      }
      await load();
      $("accounts-title").focus();
    });
    li.append(text, unlink);
    return li;
  }

  async function load() {
    list.setAttribute("aria-busy", "true");
    const r = await call("list-accounts");
    list.setAttribute("aria-busy", "false");
    if (!r.ok) { errorOut.textContent = r.message; return; }
    list.replaceChildren(...r.data.map(item));
    const linked = new Set(r.data.map((a) => a.providerId));
    document.querySelectorAll(".link-btn").forEach((b) => { b.hidden = linked.has(b.dataset.provider); });
    const set = $("password-set");
    if (set) set.hidden = linked.has("credential");
  }

  document.querySelectorAll(".link-btn").forEach((b) => {
    b.addEventListener("click", async () => {
      errorOut.textContent = "";
      busy(b.parentElement, true);
      const r = await call("link-social", { provider: b.dataset.provider, callbackURL: "/ui/account",
        errorCallbackURL: "/ui/account" });
      if (r.ok && r.data && r.data.url) {
        location.assign(r.data.url);
        return;
      }
      busy(b.parentElement, false);
      errorOut.textContent = r.message || t("link_unavailable");
    });
  });

  const setBtn = $("password-set-btn");
  if (setBtn) {
    setBtn.addEventListener("click", async () => {
      const s = await session();
      if (!s.ok || !s.data) return;
      busy(setBtn.parentElement, true);
      const r = await call("request-password-reset", { email: s.data.user.email, redirectTo: "/ui/reset-password" });
      busy(setBtn.parentElement, false);
      const out = $("password-status");
      out.textContent = r.ok ? t("set_password_sent", { email: s.data.user.email }) : r.message;
      out.focus();
    });
  }

  const err = new URLSearchParams(location.search).get("error");
  if (err) errorOut.textContent = messages[err] || t("link_incomplete");
  session().then((s) => { if (s.ok && s.data) load(); });
})();
