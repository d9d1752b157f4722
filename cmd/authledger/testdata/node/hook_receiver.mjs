// hook_receiver.mjs is a before-hook endpoint for authledger (the worked
// example of the README's "Extending authledger: before-hooks"): it
// verifies each message's signature with the Standard Webhooks reference
// library, refuses sign-ups from @blocked.example with a message the
// client sees, and allows everything else.
//
// Environment:
//   BEFORE_HOOK_SECRET  the whsec_… signing secret authledger signs with (required)
//
// It listens on 127.0.0.1 (a free port) and prints {"port": N} once ready.
import http from "node:http";
import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.BEFORE_HOOK_SECRET);

// decide answers one verified message: {type, timestamp, data}.
function decide({ type, data }) {
  if (type === "before.sign-up" && data.email.endsWith("@blocked.example")) {
    return { allow: false, code: "EMAIL_DOMAIN_BLOCKED", message: "Sign-ups from blocked.example are not accepted" };
  }
  return { allow: true };
}

const server = http.createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks).toString("utf8");
  let message;
  try {
    message = wh.verify(body, req.headers); // checks webhook-id, -timestamp, -signature
  } catch (err) {
    console.error(`refusing an unsigned message: ${err.message}`);
    res.writeHead(401).end();
    return;
  }
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(decide(message)));
});

server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));
