// Shared helpers of the hosted pages: same-origin JSON calls to /api/auth,
// loading states and errors shown next to the field they concern.
"use strict";
window.AL = (function () {
  const $ = (id) => document.getElementById(id);

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
      return { ok: false, status: 0, data: null, code: "NETWORK", message: "The server could not be reached." };
    }
    let data = null;
    const text = await res.text();
    if (text) { try { data = JSON.parse(text); } catch (e) { data = null; } }
    const out = { ok: res.ok, status: res.status, data: data };
    if (!res.ok) {
      out.code = (data && data.code) || String(res.status);
      out.message = (data && data.message) || (res.status === 429 ? "Too many attempts. Please wait a moment." : "Something went wrong.");
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
  async function requireSession() {
    const r = await session();
    if (!r.ok || !r.data) {
      location.assign("/ui/sign-in?next=" + encodeURIComponent(location.pathname + location.search));
      return null;
    }
    return r.data;
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
  // A form that is waiting for its answer ignores further submissions
  // (a double click, Enter pressed twice): one request per intent.
  document.addEventListener("submit", (ev) => {
    if (ev.target.getAttribute("aria-busy") === "true") {
      ev.preventDefault();
      ev.stopImmediatePropagation();
    }
  }, true);

  return { $, call, busy, fieldError, clearErrors, focusError, session, redirectTarget, el, requireSession };
})();
