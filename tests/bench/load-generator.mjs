// One load generator of the paired bench (issue 23), in its own process so the app and the bare server each get
// their own: `node tests/bench/load-generator.mjs '<json options>'` runs autocannon for the given window and prints
// one JSON line with the requests completed and the errors.
import autocannon from "autocannon";

const opts = JSON.parse(process.argv[2]);
const result = await autocannon({
  url: opts.url,
  connections: opts.connections ?? 10,
  duration: opts.duration,
  headers: opts.headers,
  requests: opts.paths.map((path) => ({ method: "GET", path })),
});
process.stdout.write(
  `${JSON.stringify({ requests: result.requests.total, errors: result.non2xx + result.errors + result.timeouts, seconds: result.duration })}\n`,
);
