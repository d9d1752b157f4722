// Answering an organization invitation from its link.
"use strict";
(function () {
  const { $, call, busy, session } = AL;
  const id = new URLSearchParams(location.search).get("id") || "";
  const card = $("inv-card");

  async function answer(accept) {
    busy(card, true);
    const r = await call(accept ? "organization/accept-invitation" : "organization/reject-invitation", { invitationId: id });
    busy(card, false);
    if (!r.ok) { $("inv-error").textContent = r.message; return; }
    $("inv-actions").hidden = true;
    if (accept) location.assign("/ui/organizations");
    else $("inv-text").textContent = "You declined the invitation.";
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
    if (!r.ok || !r.data) { $("inv-error").textContent = r.message || "This invitation cannot be found."; return; }
    const org = r.data.organizationName || "an organization";
    $("inv-text").textContent = (r.data.inviterEmail || "Someone") + " invited you to join " + org + " as " + r.data.role + ".";
    $("inv-actions").hidden = false;
    $("accept-btn").focus();
  }
  start();
})();
