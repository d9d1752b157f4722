// harness.mjs is what every client script shares: the server address from
// the environment, a cookie jar per simulated browser (Node's fetch keeps no
// cookies), the official client wired to it, and step bookkeeping with
// assertions that print which step failed.
import assert from "node:assert/strict";
import { createAuthClient } from "better-auth/client";

export const baseURL = process.env.AUTHLEDGER_URL;
if (!baseURL) {
  console.error("AUTHLEDGER_URL is not set");
  process.exit(2);
}
// origin is the Origin header sent; it must be trusted by the server.
export const origin = process.env.AUTHLEDGER_ORIGIN || new URL(baseURL).origin;

// CookieJar keeps the cookies of one simulated browser for one host.
export class CookieJar {
  constructor() {
    this.cookies = new Map();
  }

  // store applies every Set-Cookie header of a response.
  store(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const key = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || expired(attrs)) this.cookies.delete(key);
      else this.cookies.set(key, value);
    }
  }

  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  has(key) {
    return this.cookies.has(key);
  }
}

// expired reports whether cookie attributes delete the cookie.
function expired(attrs) {
  for (const attr of attrs) {
    const [k, v = ""] = attr.split("=");
    const key = k.trim().toLowerCase();
    if (key === "max-age" && Number(v.trim()) <= 0) return true;
    if (key === "expires" && Date.parse(v.trim()) <= Date.now()) return true;
  }
  return false;
}

// newBrowser returns {client, jar}: an official client with the given
// plugins whose requests carry the jar's cookies and the trusted Origin, and
// whose responses fill the jar. (The client is a Proxy that turns property
// names into routes, so nothing may be stored on it.)
export function newBrowser(plugins) {
  const jar = new CookieJar();
  const client = createAuthClient({
    baseURL,
    plugins,
    fetchOptions: {
      onRequest(ctx) {
        const cookie = jar.header();
        if (cookie) ctx.headers.set("cookie", cookie);
        ctx.headers.set("origin", origin);
        return ctx;
      },
      onResponse(ctx) {
        jar.store(ctx.response);
      },
    },
  });
  return { client, jar };
}

// steps records the current and the finished steps.
export const steps = { current: "start", done: [] };

// check runs one named step, recording it for the summary.
export async function check(label, fn) {
  steps.current = label;
  await fn();
  steps.done.push(label);
}

// ok asserts a call succeeded and returns its data.
export function ok(res, what) {
  assert.ok(res && typeof res === "object", `${what}: no result object`);
  assert.equal(res.error, null, `${what}: unexpected error ${JSON.stringify(res.error)}`);
  return res.data;
}

// fails asserts a call failed with the given HTTP status and error code.
export function fails(res, status, code, what) {
  assert.ok(res.error, `${what}: expected ${status} ${code}, got data ${JSON.stringify(res.data)}`);
  assert.equal(res.error.status, status, `${what}: status (error ${JSON.stringify(res.error)})`);
  assert.equal(res.error.code, code, `${what}: code (error ${JSON.stringify(res.error)})`);
  assert.equal(typeof res.error.message, "string", `${what}: error.message`);
}

// run runs main and exits 0, or prints the failing step and exits 1.
export function run(script, main) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(`${script}: step "${steps.current}" failed: ${err.message}`);
      if (!(err instanceof assert.AssertionError)) console.error(err.stack);
      process.exit(1);
    },
  );
}
