// Shared helpers of the hosted pages: same-origin JSON calls to /api/auth,
// the message catalogue of the page's language, loading states, errors
// shown next to the field they concern (and cleared as the person types),
// confirmation dialogs and copy buttons.
"use strict";
window.AL = (function () {
  const $ = (id) => document.getElementById(id);
  let messages = {};
  try { messages = JSON.parse(document.body.dataset.messages || "{}"); } catch (e) { messages = {}; }

  // t looks key up in the page language's catalogue and fills {name}
  // placeholders from vars.
  function t(key, vars) {
    const s = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
    return s.replace(/\{(\w+)\}/g, (m, k) => (vars && k in vars ? String(vars[k]) : m));
  }

  // roleName shows a role (or a comma-separated list of roles) in the
  // page language; a role the catalogue does not know is shown as it is.
  function roleName(r) {
    return String(r).split(",").map((x) => x.trim()).map((x) => messages["role_" + x] || x).join(", ");
  }

  // human turns an answer's code into a sentence a person can act on; a
  // code the catalogue does not know keeps the server's message.
  function human(code, status, serverMessage) {
    if (messages["err." + code]) return messages["err." + code];
    if (status === 429) return t("err.429");
    if (status === 403 && /NOT_ALLOWED/.test(code)) return t("err.FORBIDDEN");
    return serverMessage || t("err.generic");
  }

  // call sends a same-origin request; the browser adds Origin and cookies.
  async function call(path, body, method) {
    const init = { method: method || (body === undefined ? "GET" : "POST"), credentials: "same-origin", headers: {} };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(path.startsWith("/") ? path : "/api/auth/" + path, init);
    } catch (e) {
      return { ok: false, status: 0, data: null, code: "NETWORK", message: t("err.network") };
    }
    let data = null;
    const text = await res.text();
    if (text) { try { data = JSON.parse(text); } catch (e) { data = null; } }
    const out = { ok: res.ok, status: res.status, data: data };
    if (!res.ok) {
      out.code = (data && data.code) || String(res.status);
      out.message = human(out.code, res.status, data && data.message);
    }
    return out;
  }

  // busy marks a form or element as loading and disables its buttons.
  function busy(el, on) {
    el.setAttribute("aria-busy", on ? "true" : "false");
    el.querySelectorAll("button").forEach((b) => { b.disabled = on; });
  }

  // fieldError shows msg under the input with the given id ("" clears it).
  function fieldError(id, msg) {
    const input = $(id), out = $(id + "-error");
    if (out) out.textContent = msg || "";
    if (input && input.matches("input,select")) {
      if (msg) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    }
  }

  function clearErrors(form) {
    form.querySelectorAll(".error,.form-error").forEach((p) => { p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach((i) => i.removeAttribute("aria-invalid"));
  }

  // focusError moves focus to the first invalid input, for keyboard users.
  function focusError(form) {
    const bad = form.querySelector("[aria-invalid=true]");
    if (bad) bad.focus();
  }

  function session() { return call("get-session"); }

  // redirectTarget is ?next= when it is a same-site /ui path, else the configured redirect.
  function redirectTarget() {
    const next = new URLSearchParams(location.search).get("next") || "";
    if (/^\/ui\/[A-Za-z0-9\-\/?=&_%.]*$/.test(next) && !next.startsWith("//")) return next;
    return document.body.dataset.redirect || "/ui/account";
  }

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // requireSession sends a visitor without a session to the sign-in page.
  // It fills the hidden username fields of the password forms, so
  // password managers file a confirmation under the right account.
  async function requireSession() {
    const r = await session();
    if (!r.ok || !r.data) {
      location.assign("/ui/sign-in?next=" + encodeURIComponent(location.pathname + location.search));
      return null;
    }
    document.querySelectorAll("input.username").forEach((i) => { i.value = r.data.user.email; });
    return r.data;
  }

  // confirmAction asks in the page's <dialog> before a destructive action;
  // it resolves true only when the person chose the action (Escape and
  // Cancel resolve false) and gives focus back to where it was. The answer
  // is taken from the button pressed (or the Escape key's cancel event),
  // not from the close event, which the browser fires later as a task and
  // could otherwise answer a confirmation opened since.
  let pending = null;
  function answerDialog(ok) {
    if (!pending) return;
    const p = pending;
    pending = null;
    p(ok);
  }
  function wireDialog() {
    const d = $("confirm-dialog");
    if (!d) return;
    d.querySelector("form").addEventListener("submit", (ev) => answerDialog(!!ev.submitter && ev.submitter.value === "ok"));
    d.addEventListener("cancel", () => answerDialog(false));
  }
  let cancelDefault = "";
  function confirmAction(title, text, okLabel, cancelLabel) {
    const d = $("confirm-dialog");
    if (!d || typeof d.showModal !== "function") return Promise.resolve(window.confirm(title + "\n" + text));
    answerDialog(false); // a confirmation still open is answered "no"
    const back = document.activeElement;
    $("confirm-title").textContent = title;
    $("confirm-text").textContent = text;
    $("confirm-ok").textContent = okLabel;
    if (!cancelDefault) cancelDefault = $("confirm-cancel").textContent;
    $("confirm-cancel").textContent = cancelLabel || cancelDefault; // "Keep" where the action itself is a cancel
    return new Promise((resolve) => {
      pending = (ok) => {
        if (back && back.isConnected) back.focus();
        resolve(ok);
      };
      if (!d.open) d.showModal();
      $("confirm-cancel").focus();
    });
  }

  // copyText copies text to the clipboard and says so in out; where the
  // clipboard is refused, it selects fallback (an input) for Ctrl+C.
  async function copyText(text, out, fallback) {
    try {
      await navigator.clipboard.writeText(text);
      if (out) out.textContent = t("copied");
      return true;
    } catch (e) {
      if (fallback && fallback.select) { fallback.focus(); fallback.select(); }
      if (out) out.textContent = t("copy_failed");
      return false;
    }
  }

  function wireSignOut() {
    const b = $("signout-btn");
    if (!b) return;
    b.addEventListener("click", async () => {
      b.disabled = true;
      await call("sign-out", {});
      location.assign("/ui/sign-in");
    });
  }
  document.addEventListener("DOMContentLoaded", wireSignOut);
  document.addEventListener("DOMContentLoaded", wireDialog);
  // A form that is waiting for its answer ignores further submissions
  // (a double click, Enter pressed twice): one request per intent.
  document.addEventListener("submit", (ev) => {
    if (ev.target.getAttribute("aria-busy") === "true") {
      ev.preventDefault();
      ev.stopImmediatePropagation();
    }
  }, true);
  // An error goes away as soon as the person edits the field it concerns,
  // and the form's summary error with it.
  document.addEventListener("input", (ev) => {
    const i = ev.target;
    if (!i.id || !i.matches("input,select")) return;
    if (i.getAttribute("aria-invalid") === "true" || ($(i.id + "-error") && $(i.id + "-error").textContent)) fieldError(i.id, "");
    const fe = i.form && i.form.querySelector(".form-error");
    if (fe) fe.textContent = "";
  });

  return { $, t, roleName, human, call, busy, fieldError, clearErrors, focusError, session, redirectTarget, el, requireSession,
    confirmAction, copyText };
})();
