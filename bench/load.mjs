#!/usr/bin/env node
/**
 * A bounded HTTP load: `node bench/load.mjs URL CLIENTS SECONDS [PAUSE_MS]`. CLIENTS loops each send one
 * GET at a time, PAUSE_MS apart (0: back to back), until SECONDS pass or SIGINT/SIGTERM arrives, then one JSON line reports the requests, the failed
 * ones (a status other than 2xx, or no answer within 5 s) with their causes, and the latency
 * percentiles in ms. The
 * autoscaling test and bench run it inside the sandbox node's network namespace, against a Service.
 */
const [url, clients = '4', seconds = '60', pause = '0'] = process.argv.slice(2);
if (!url || !(Number(clients) >= 1 && Number(clients) <= 64) || !(Number(seconds) > 0 && Number(seconds) <= 600) || !(Number(pause) >= 0 && Number(pause) <= 10_000)) {
  console.error('usage: node bench/load.mjs URL CLIENTS(1-64) SECONDS(<=600) [PAUSE_MS(<=10000)]');
  process.exit(2);
}
const end = Date.now() + Number(seconds) * 1000;
let stop = false;
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => (stop = true));
const latencies = [];
let failed = 0;
/** Failures by cause: the status code, or the error's code ("ECONNREFUSED", "TimeoutError", ...). */
const causes = {};
const fail = (cause) => {
  failed++;
  causes[cause] = (causes[cause] ?? 0) + 1;
};
async function client() {
  while (!stop && Date.now() < end) {
    const t = performance.now();
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await r.arrayBuffer();
      if (!r.ok) fail(String(r.status));
    } catch (err) {
      fail(err?.cause?.code ?? err?.name ?? 'error');
    }
    latencies.push(performance.now() - t);
    if (Number(pause) > 0 && !stop) await new Promise((r) => setTimeout(r, Number(pause)));
  }
}
await Promise.all(Array.from({ length: Number(clients) }, client));
latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]) : 0);
console.log(JSON.stringify({ requests: latencies.length, failed, causes, p50: pct(50), p95: pct(95), p99: pct(99) }));
