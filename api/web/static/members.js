// Members of the active organization: list, invite, change role, remove,
// pending invitations.
"use strict";
(function () {
  const { $, call, busy, fieldError, clearErrors, focusError, el, requireSession } = AL;
  const roles = ["member", "admin", "owner"];
  let me = null, org = null;

  function memberRow(m) {
    const tr = el("tr", { "data-member-id": m.id });
    const who = (m.user && m.user.name) || "";
    tr.append(el("td", {}, who), el("td", {}, (m.user && m.user.email) || ""));
    const roleCell = el("td"), act = el("td");
    const sel = el("select", { "aria-label": "Role of " + who, class: "role" });
    roles.forEach((r) => { const o = el("option", { value: r }, r); if (r === m.role) o.selected = true; sel.append(o); });
    roleCell.append(sel);
    const save = el("button", { type: "button", class: "secondary save-role", "aria-label": "Save role of " + who }, "Save");
    save.addEventListener("click", async () => {
      busy(tr, true);
      const r = await call("organization/update-member-role", { memberId: m.id, role: sel.value, organizationId: org.id });
      busy(tr, false);
      if (!r.ok) { $("members-error").textContent = r.message; return; }
      await load();
    });
    act.append(save);
    if (m.userId !== me.user.id) {
      const rm = el("button", { type: "button", class: "danger remove", "aria-label": "Remove " + who }, "Remove");
      rm.addEventListener("click", async () => {
        busy(tr, true);
        const r = await call("organization/remove-member", { memberIdOrEmail: m.id, organizationId: org.id });
        busy(tr, false);
        if (!r.ok) { $("members-error").textContent = r.message; return; }
        await load();
      });
      act.append(" ", rm);
    }
    tr.append(roleCell, act);
    return tr;
  }

  function invitationItem(inv) {
    const li = el("li", { "data-invitation-id": inv.id });
    const link = location.origin + "/ui/accept-invitation?id=" + encodeURIComponent(inv.id);
    const text = el("span", {}, inv.email + " as " + inv.role + " · ");
    text.append(el("a", { href: link, class: "invite-link" }, "invitation link"));
    const cancel = el("button", { type: "button", class: "secondary", "aria-label": "Cancel invitation for " + inv.email }, "Cancel");
    cancel.addEventListener("click", async () => {
      busy(li, true);
      const r = await call("organization/cancel-invitation", { invitationId: inv.id });
      busy(li, false);
      if (!r.ok) { $("members-error").textContent = r.message; return; }
      await load();
    });
    li.append(text, cancel);
    return li;
  }

  async function load() {
    const body = $("members").tBodies[0], list = $("invitations");
    body.setAttribute("aria-busy", "true");
    list.setAttribute("aria-busy", "true");
    const r = await call("organization/get-full-organization");
    body.setAttribute("aria-busy", "false");
    list.setAttribute("aria-busy", "false");
    if (!r.ok || !r.data) {
      $("org-title").textContent = "";
      $("members-error").textContent = r.ok ? "Choose an active organization first." : r.message;
      $("invite-form").hidden = true;
      return;
    }
    org = r.data;
    $("org-title").textContent = "Organization: " + org.name;
    body.replaceChildren(...(org.members || []).map(memberRow));
    const pending = (org.invitations || []).filter((i) => i.status === "pending");
    list.replaceChildren(...(pending.length ? pending.map(invitationItem) : [el("li", {}, "No pending invitations.")]));
  }

  $("invite-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clearErrors(form);
    const email = $("invite-email").value.trim();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) { fieldError("invite-email", "Enter a valid email address."); return focusError(form); }
    busy(form, true);
    const r = await call("organization/invite-member", { email: email, role: $("invite-role").value, organizationId: org.id });
    busy(form, false);
    if (!r.ok) { fieldError("invite-email", r.message); return focusError(form); }
    form.reset();
    await load();
  });

  async function start() {
    me = await requireSession();
    if (me) await load();
  }
  start();
})();
