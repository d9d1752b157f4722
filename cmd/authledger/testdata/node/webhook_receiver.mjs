// webhook_receiver.mjs is a webhook endpoint for authledger (the worked
// example of the README's "Extending authledger: webhooks"): it verifies
// every delivery with the Standard Webhooks reference library, keeps the
// ids it has seen (a repeat after a crash is acknowledged, not processed
// twice) and prints one JSON line per verified delivery.
//
// Environment:
//   WEBHOOK_SECRET  the whsec_… secret POST /v1/webhooks answered (required)
//   PORT            the port to listen on, on 127.0.0.1 (0: a free one)
//   FAIL_FIRST      answer 500 to this many deliveries first (a receiver that is down for a while)
//   HOLD_FIRST      "1": never answer the first delivery (the test kills the server meanwhile)
//
// It prints {"port": N} once ready, then for each verified delivery
// {"id", "type", "data", "answer", "repeat"}; a message that fails
// verification is answered 401 and printed as {"error": …}.
import http from "node:http";
import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.WEBHOOK_SECRET);
let failFirst = Number(process.env.FAIL_FIRST || 0);
let holdFirst = process.env.HOLD_FIRST === "1";
const seen = new Set();

const server = http.createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks).toString("utf8");
  let message;
  try {
    message = wh.verify(body, req.headers); // checks webhook-id, -timestamp, -signature
  } catch (err) {
    console.log(JSON.stringify({ error: err.message }));
    res.writeHead(401).end();
    return;
  }
  const id = req.headers["webhook-id"];
  const line = { id, type: message.type, data: message.data, repeat: seen.has(id) };
  if (holdFirst) {
    holdFirst = false;
    console.log(JSON.stringify({ ...line, answer: "held" }));
    return; // no answer: the sender is killed while it waits
  }
  if (failFirst > 0) {
    failFirst--;
    console.log(JSON.stringify({ ...line, answer: 500 }));
    res.writeHead(500).end("down for maintenance");
    return;
  }
  seen.add(id); // process each event once, whatever the number of deliveries
  console.log(JSON.stringify({ ...line, answer: 204 }));
  res.writeHead(204).end();
});

server.listen(Number(process.env.PORT || 0), "127.0.0.1", () =>
  console.log(JSON.stringify({ port: server.address().port })));
