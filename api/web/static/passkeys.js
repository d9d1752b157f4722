// Account page: the signed-in person's passkeys (add, rename, remove).
"use strict";
(function () {
  const { $, t, call, busy, fieldError, clearErrors, focusError, el, confirmAction } = AL;
  const list = $("passkeys"), form = $("pk-add-form");
  if (!list || !form || !window.ALPasskey) return;

  function item(p) {
    const li = el("li", { "data-passkey-id": p.id });
    const label = p.name || t("pk_unnamed");
    const text = el("span", { class: "pk-name" }, label);
    text.append(el("span", { class: "muted" }, " · " + t("pk_added", { date: new Date(p.createdAt).toLocaleDateString(document.documentElement.lang) })));
    const rename = el("button", { type: "button", class: "secondary pk-rename", "aria-label": t("pk_rename_label", { name: label }) }, t("pk_rename"));
    const remove = el("button", { type: "button", class: "danger pk-remove", "aria-label": t("remove_label", { who: label }) }, t("remove"));
    const actions = el("span", { class: "row" });
    actions.append(rename, remove);
    rename.addEventListener("click", () => {
      const id = "pk-rename-" + p.id;
      const f = el("form", { class: "row pk-rename-form", novalidate: "" });
      const lab = el("label", { for: id, class: "sr-only" }, t("pk_new_name", { name: label }));
      const input = el("input", { id: id, type: "text", maxlength: "64", value: p.name || "", "aria-describedby": id + "-error" });
      const err = el("p", { class: "error", id: id + "-error" });
      f.append(lab, input, el("button", { type: "submit" }, t("save")), err);
      f.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        busy(f, true);
        const r = await call("passkey/update-passkey", { id: p.id, name: input.value.trim() });
        busy(f, false);
        if (!r.ok) { fieldError(id, r.message); input.focus(); return; }
        await load();
      });
      li.replaceChildren(f);
      input.focus();
    });
    remove.addEventListener("click", async () => {
      if (!(await confirmAction(t("remove_title", { who: label }), t("pk_remove_text"), t("remove")))) return;
      busy(li, true);
      const r = await call("passkey/delete-passkey", { id: p.id });
      busy(li, false);
      if (!r.ok) { $("pk-error").textContent = r.message; return; }
      await load();
    });
    li.append(text, actions);
    return li;
  }

  async function load() {
    list.setAttribute("aria-busy", "true");
    const r = await call("passkey/list-user-passkeys");
    list.setAttribute("aria-busy", "false");
    if (!r.ok) { $("pk-error").textContent = r.message; return; }
    list.replaceChildren(...(r.data.length ? r.data.map(item) : [el("li", {}, t("pk_none"))]));
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    busy(form, true);
    const r = await ALPasskey.register($("pk-name").value.trim());
    busy(form, false);
    if (!r.ok) { fieldError("pk-name", r.message); return focusError(form); }
    form.reset();
    await load();
  });
  AL.session().then((s) => { if (s.ok && s.data) load(); });
})();
