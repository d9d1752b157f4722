// Answering an organization invitation from its link. A signed-out
// visitor sees only the way to sign in or sign up (back here after); a
// signed-in one sees who invited them to what, and Accept or Decline.
"use strict";
(function () {
  const { $, t, roleName, call, busy, session } = AL;
  const id = new URLSearchParams(location.search).get("id") || "";
  const card = $("inv-card");

  async function answer(accept) {
    $("inv-error").textContent = "";
    busy(card, true);
    const r = await call(accept ? "organization/accept-invitation" : "organization/reject-invitation", { invitationId: id });
    busy(card, false);
    if (!r.ok) { $("inv-error").textContent = r.message; return; }
    $("inv-actions").hidden = true;
    if (accept) location.assign("/ui/organizations?joined=1");
    else $("inv-text").textContent = t("declined");
  }
  $("accept-btn").addEventListener("click", () => answer(true));
  $("reject-btn").addEventListener("click", () => answer(false));

  async function start() {
    const s = await session();
    if (!s.ok || !s.data) {
      const next = "?next=" + encodeURIComponent(location.pathname + location.search);
      $("inv-signin-link").href = "/ui/sign-in" + next;
      $("inv-signup-link").href = "/ui/sign-up" + next;
      $("inv-signin").hidden = false;
      card.setAttribute("aria-busy", "false");
      return;
    }
    const r = await call("organization/get-invitation?id=" + encodeURIComponent(id));
    card.setAttribute("aria-busy", "false");
    if (!r.ok || !r.data) { $("inv-error").textContent = r.ok ? t("err.INVITATION_NOT_FOUND") : r.message; return; }
    const role = roleName(r.data.role);
    $("inv-text").textContent = t("inv_text", { inviter: r.data.inviterEmail || t("someone"),
      org: r.data.organizationName || t("an_org"), role: role });
    $("inv-actions").hidden = false;
    $("accept-btn").focus();
  }
  start();
})();
