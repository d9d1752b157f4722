// Members of the active organization, shown by what the person may do
// (has-permission): a plain member sees the list only; admins and owners
// change roles, remove members (after a confirmation) and invite; only an
// owner touches an owner or hands out the owner role. An invitation is
// mailed when the server mails them, and its link can be copied either way.
"use strict";
(function () {
  const { $, t, roleName, call, busy, fieldError, clearErrors, focusError, el, requireSession, confirmAction, copyText } = AL;
  const mailed = document.body.dataset.inviteMail === "true";
  let me = null, org = null, may = {}, myRoles = [];

  const roles = () => (myRoles.includes("owner") ? ["member", "admin", "owner"] : ["member", "admin"]);

  // status reports a success where the person is looking, and clears the
  // last error: one message at a time.
  function status(msg) {
    $("invite-done").hidden = true; // the last invitation's notice is history now
    $("members-error").textContent = "";
    $("members-status").textContent = msg;
  }
  function failed(msg) {
    $("members-status").textContent = "";
    $("members-error").textContent = msg;
  }

  // allowed asks the server which of the actions the caller's role grants.
  async function allowed() {
    const ask = { updateMember: { member: ["update"] }, removeMember: { member: ["delete"] },
      invite: { invitation: ["create"] }, cancel: { invitation: ["cancel"] } };
    const out = {};
    await Promise.all(Object.entries(ask).map(async ([k, perms]) => {
      const r = await call("organization/has-permission", { permissions: perms, organizationId: org.id });
      out[k] = !!(r.ok && r.data && r.data.success);
    }));
    return out;
  }

  function memberRow(m) {
    const tr = el("tr", { "data-member-id": m.id });
    const who = (m.user && m.user.name) || (m.user && m.user.email) || "";
    const self = m.userId === me.user.id, ownerRow = m.role.split(",").includes("owner");
    const touchable = !self && (!ownerRow || myRoles.includes("owner"));
    const nameCell = el("td", {}, who);
    if (self) nameCell.append(" ", el("span", { class: "badge" }, t("you")));
    tr.append(nameCell, el("td", {}, (m.user && m.user.email) || ""));
    const roleCell = el("td"), act = el("td"), buttons = el("div", { class: "row" });
    if (may.updateMember && touchable) {
      const sel = el("select", { "aria-label": t("role_of", { who: who }), class: "role" });
      const opts = roles().includes(m.role) ? roles() : roles().concat([m.role]);
      opts.forEach((r) => { const o = el("option", { value: r }, roleName(r)); if (r === m.role) o.selected = true; sel.append(o); });
      roleCell.append(sel);
      const save = el("button", { type: "button", class: "secondary save-role", "aria-label": t("save_role_of", { who: who }) }, t("save"));
      save.addEventListener("click", async () => {
        busy(tr, true);
        const r = await call("organization/update-member-role", { memberId: m.id, role: sel.value, organizationId: org.id });
        busy(tr, false);
        if (!r.ok) return failed(r.message);
        await load();
        status(t("role_saved", { who: who, role: roleName(sel.value) }));
      });
      buttons.append(save);
    } else {
      roleCell.append(roleName(m.role));
    }
    if (may.removeMember && touchable) {
      const rm = el("button", { type: "button", class: "danger remove", "aria-label": t("remove_label", { who: who }) }, t("remove"));
      rm.addEventListener("click", async () => {
        if (!(await confirmAction(t("remove_title", { who: who }), t("remove_text", { who: who, org: org.name }), t("remove")))) return;
        busy(tr, true);
        const r = await call("organization/remove-member", { memberIdOrEmail: m.id, organizationId: org.id });
        busy(tr, false);
        if (!r.ok) return failed(r.message);
        await load();
        status(t("removed", { who: who }));
        $("list-title").focus();
      });
      buttons.append(rm);
    }
    act.append(buttons);
    tr.append(roleCell, act);
    return tr;
  }

  const linkOf = (inv) => location.origin + "/ui/accept-invitation?id=" + encodeURIComponent(inv.id);

  function invitationItem(inv) {
    const li = el("li", { "data-invitation-id": inv.id });
    const text = el("span", {}, t("invite_as", { email: inv.email, role: roleName(inv.role) }) + " · ");
    text.append(el("a", { href: linkOf(inv), class: "invite-link" }, t("invite_link")));
    const buttons = el("div", { class: "row" });
    const copy = el("button", { type: "button", class: "secondary copy-link", "aria-label": t("copy_link_for", { email: inv.email }) }, t("copy_link"));
    copy.addEventListener("click", () => copyText(linkOf(inv), $("members-status")));
    buttons.append(copy);
    if (may.cancel) {
      const cancel = el("button", { type: "button", class: "danger", "aria-label": t("cancel_inv_label", { email: inv.email }) }, t("cancel_inv"));
      cancel.addEventListener("click", async () => {
        if (!(await confirmAction(t("cancel_inv_title"), t("cancel_inv_text", { email: inv.email }), t("cancel_inv_ok"), t("keep")))) return;
        busy(li, true);
        const r = await call("organization/cancel-invitation", { invitationId: inv.id });
        busy(li, false);
        if (!r.ok) return failed(r.message);
        await load();
        status(t("inv_cancelled", { email: inv.email }));
        $("pending-title").focus();
      });
      buttons.append(cancel);
    }
    li.append(text, buttons);
    return li;
  }

  async function load() {
    const body = $("members").tBodies[0], list = $("invitations");
    body.setAttribute("aria-busy", "true");
    list.setAttribute("aria-busy", "true");
    const r = await call("organization/get-full-organization");
    if (!r.ok || !r.data) {
      body.setAttribute("aria-busy", "false");
      list.setAttribute("aria-busy", "false");
      $("org-title").textContent = "";
      failed(r.ok ? t("choose_org") : r.message);
      $("invite-card").hidden = true;
      return;
    }
    org = r.data;
    const mine = (org.members || []).find((m) => m.userId === me.user.id);
    myRoles = mine ? mine.role.split(",").map((x) => x.trim()) : [];
    may = await allowed();
    body.setAttribute("aria-busy", "false");
    list.setAttribute("aria-busy", "false");
    $("org-title").textContent = t("org_label", { name: org.name });
    $("invite-card").hidden = !may.invite;
    const ownerOpt = $("invite-role").querySelector("option[value=owner]");
    if (ownerOpt) ownerOpt.hidden = ownerOpt.disabled = !myRoles.includes("owner");
    body.replaceChildren(...(org.members || []).map(memberRow));
    const pending = (org.invitations || []).filter((i) => i.status === "pending");
    list.replaceChildren(...(pending.length ? pending.map(invitationItem) : [el("li", {}, t("no_pending"))]));
  }

  $("invite-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clearErrors(form);
    $("invite-done").hidden = true;
    const email = $("invite-email").value.trim();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) { fieldError("invite-email", t("valid_email")); return focusError(form); }
    busy(form, true);
    const r = await call("organization/invite-member", { email: email, role: $("invite-role").value, organizationId: org.id });
    busy(form, false);
    if (!r.ok) { fieldError("invite-email", r.message); return focusError(form); }
    form.reset();
    await load();
    $("invite-done-text").textContent = t(mailed ? "invite_sent" : "invite_created", { email: email });
    $("invite-link").value = linkOf(r.data);
    $("invite-done").hidden = false;
    $("invite-done").focus();
  });
  $("invite-copy").addEventListener("click", () => copyText($("invite-link").value, $("invite-done-text"), $("invite-link")));

  async function start() {
    me = await requireSession();
    if (me) await load();
  }
  start();
})();
