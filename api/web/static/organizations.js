// Organization switcher, settings of the active organization (rename and
// slug, leave, delete, each as the caller's role allows and destructive
// ones after a confirmation) and creation with an automatic slug.
"use strict";
(function () {
  const { $, t, call, busy, fieldError, clearErrors, focusError, el, requireSession, confirmAction } = AL;
  let current = null, active = null;

  // slugOf derives a slug from a name: lower-case ASCII letters, digits
  // and single dashes (accents dropped).
  function slugOf(name) {
    return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64);
  }

  function status(msg) {
    $("org-status").textContent = msg;
    if (msg) $("org-status").focus();
  }

  async function can(perm) {
    const r = await call("organization/has-permission", { permissions: perm, organizationId: active.id });
    return !!(r.ok && r.data && r.data.success);
  }

  async function showSettings() {
    $("danger-error").textContent = "";
    if (!active) { $("settings-card").hidden = true; return; }
    const [update, del] = await Promise.all([can({ organization: ["update"] }), can({ organization: ["delete"] })]);
    $("settings-title").textContent = t("org_label", { name: active.name });
    $("rename-form").hidden = !update;
    $("rename-name").value = active.name;
    $("rename-slug").value = active.slug;
    $("delete-org-btn").hidden = !del;
    $("settings-card").hidden = false;
  }

  let loads = 0;
  async function load() {
    const sel = $("org-select"), mine = ++loads;
    sel.setAttribute("aria-busy", "true");
    const r = await call("organization/list");
    if (mine !== loads) return; // a newer load owns the list
    if (!r.ok) { sel.setAttribute("aria-busy", "false"); fieldError("org-select", r.message); return; }
    const id = current.session.activeOrganizationId;
    sel.replaceChildren(...r.data.map((o) => {
      const opt = el("option", { value: o.id }, o.name + " (" + o.slug + ")");
      if (o.id === id) opt.selected = true;
      return opt;
    }));
    active = r.data.find((o) => o.id === id) || null;
    $("active-org").textContent = active ? t("active", { name: active.name }) : (r.data.length ? t("no_active") : t("no_orgs"));
    $("switch-btn").disabled = r.data.length === 0;
    await showSettings();
    sel.setAttribute("aria-busy", "false");
  }

  async function refreshSession() {
    const s = await call("get-session");
    if (s.ok && s.data) current = s.data;
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
    $("org-status").textContent = "";
    await load();
  });

  $("rename-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clearErrors(form);
    const name = $("rename-name").value.trim(), slug = $("rename-slug").value.trim() || slugOf(name);
    if (!name) fieldError("rename-name", t("enter_org_name"));
    if (!/^[a-z0-9-]+$/.test(slug)) fieldError("rename-slug", t("slug_rule"));
    if (form.querySelector("[aria-invalid=true]")) return focusError(form);
    busy(form, true);
    const r = await call("organization/update", { data: { name: name, slug: slug }, organizationId: active.id });
    busy(form, false);
    if (!r.ok) {
      if (/SLUG|ALREADY_EXISTS/.test(r.code)) fieldError("rename-slug", r.message); else $("rename-error").textContent = r.message;
      return focusError(form);
    }
    await load();
    status(t("renamed", { name: name }));
  });

  $("leave-btn").addEventListener("click", async () => {
    const org = active;
    if (!(await confirmAction(t("leave_title", { name: org.name }), t("leave_text"), t("leave_ok")))) return;
    busy($("settings-card"), true);
    const r = await call("organization/leave", { organizationId: org.id });
    busy($("settings-card"), false);
    if (!r.ok) { $("danger-error").textContent = r.message; return; }
    await refreshSession();
    await load();
    status(t("left", { name: org.name }));
  });

  $("delete-org-btn").addEventListener("click", async () => {
    const org = active;
    if (!(await confirmAction(t("delete_title", { name: org.name }), t("delete_text"), t("delete_ok")))) return;
    busy($("settings-card"), true);
    const r = await call("organization/delete", { organizationId: org.id });
    busy($("settings-card"), false);
    if (!r.ok) { $("danger-error").textContent = r.message; return; }
    await refreshSession();
    await load();
    status(t("deleted", { name: org.name }));
  });

  $("org-name").addEventListener("input", () => {
    const slug = $("org-slug");
    if (!slug.dataset.touched) slug.value = slugOf($("org-name").value);
  });
  $("org-slug").addEventListener("input", () => { $("org-slug").dataset.touched = $("org-slug").value ? "1" : ""; });

  $("create-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clearErrors(form);
    const name = $("org-name").value.trim(), slug = $("org-slug").value.trim() || slugOf(name);
    if (!name) fieldError("org-name", t("enter_org_name"));
    else if (!/^[a-z0-9-]+$/.test(slug)) fieldError("org-slug", t("slug_rule"));
    if (form.querySelector("[aria-invalid=true]")) return focusError(form);
    busy(form, true);
    const r = await call("organization/create", { name: name, slug: slug });
    busy(form, false);
    if (!r.ok) {
      if (r.code === "ORGANIZATION_ALREADY_EXISTS" || /SLUG/.test(r.code)) fieldError("org-slug", r.message);
      else $("create-error").textContent = r.message;
      return focusError(form);
    }
    await refreshSession();
    form.reset();
    delete $("org-slug").dataset.touched;
    await load();
    status(t("created", { name: name }));
  });

  async function start() {
    current = await requireSession();
    if (!current) return;
    await load();
    if (new URLSearchParams(location.search).get("joined") === "1" && active) status(t("joined", { name: active.name }));
  }
  start();
})();
