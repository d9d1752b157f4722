// Organization switcher and creation.
"use strict";
(function () {
  const { $, call, busy, fieldError, clearErrors, focusError, el, requireSession } = AL;
  let current = null;

  let loads = 0;
  async function load() {
    const sel = $("org-select"), mine = ++loads;
    sel.setAttribute("aria-busy", "true");
    const r = await call("organization/list");
    if (mine !== loads) return; // a newer load owns the list
    sel.setAttribute("aria-busy", "false");
    if (!r.ok) { fieldError("org-select", r.message); return; }
    const active = current.session.activeOrganizationId;
    sel.replaceChildren(...r.data.map((o) => {
      const opt = el("option", { value: o.id }, o.name + " (" + o.slug + ")");
      if (o.id === active) opt.selected = true;
      return opt;
    }));
    const a = r.data.find((o) => o.id === active);
    $("active-org").textContent = a ? "Active: " + a.name : (r.data.length ? "No active organization." : "You are not in any organization yet.");
    $("switch-btn").disabled = r.data.length === 0;
  }

  $("switch-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clearErrors(form);
    busy(form, true);
    const r = await call("organization/set-active", { organizationId: $("org-select").value });
    busy(form, false);
    if (!r.ok) { fieldError("org-select", r.message); return focusError(form); }
    current.session.activeOrganizationId = r.data.id;
    await load();
  });

  $("org-name").addEventListener("input", () => {
    const slug = $("org-slug");
    if (slug.dataset.touched) return;
    slug.value = $("org-name").value.toLowerCase().trim().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  });
  $("org-slug").addEventListener("input", () => { $("org-slug").dataset.touched = "1"; });

  $("create-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clearErrors(form);
    const name = $("org-name").value.trim(), slug = $("org-slug").value.trim();
    if (!name) fieldError("org-name", "Enter a name.");
    if (!/^[a-z0-9-]+$/.test(slug)) fieldError("org-slug", "Use lower-case letters, digits and dashes.");
    if (form.querySelector("[aria-invalid=true]")) return focusError(form);
    busy(form, true);
    const r = await call("organization/create", { name: name, slug: slug });
    busy(form, false);
    if (!r.ok) {
      if (r.code === "ORGANIZATION_ALREADY_EXISTS" || /SLUG/.test(r.code)) fieldError("org-slug", r.message);
      else $("create-error").textContent = r.message;
      return focusError(form);
    }
    const s = await call("get-session");
    if (s.ok && s.data) current = s.data;
    form.reset();
    delete $("org-slug").dataset.touched;
    await load();
  });

  async function start() {
    current = await requireSession();
    if (current) await load();
  }
  start();
})();
