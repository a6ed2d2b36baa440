// What a reader downloads to search: opens /search/ of a built site in Debian's
// Chromium, types a first query, then a second, and sums the bytes on the wire
// (body and headers, as Playwright reports them for the page and its workers) of every response after the
// page itself loaded, split into the first and the second query.
// Usage: node benches/search_bytes.mjs SITE_OUTPUT_DIR PORT [FIRST] [SECOND]
// The site must be built with --base-url http://127.0.0.1:PORT/.
import { createRequire } from "node:module";
import { serve } from "../.ci/static-server.mjs";

const require = createRequire(new URL("../.ci/package.json", import.meta.url));
const { chromium } = require("playwright-core");
const [root, port, first = "pipeline latency", second = "kubernetes migration"] = process.argv.slice(2);

const server = serve(root, port, { gzip: true });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
let phase = "page";
const bytes = { page: new Map(), first: new Map(), second: new Map() };
// Every request of the page and of its workers (Pagefind searches in a worker).
page.context().on("requestfinished", async (request) => {
  const at = phase;
  const sizes = await request.sizes();
  const n = sizes.responseBodySize + sizes.responseHeadersSize;
  bytes[at].set(request.url(), (bytes[at].get(request.url()) || 0) + n);
});
const quiet = () => page.waitForLoadState("networkidle").then(() => page.waitForTimeout(800));

await page.goto(`http://127.0.0.1:${port}/search/`, { waitUntil: "load" });
await quiet();
phase = "first";
await page.fill("#search-q", first);
await quiet();
phase = "second";
await page.fill("#search-q", second);
await quiet();

const kb = (n) => (n / 1024).toFixed(1);
for (const name of ["page", "first", "second"]) {
  const m = bytes[name];
  const total = [...m.values()].reduce((a, b) => a + b, 0);
  console.log(`${name}: ${m.size} responses, ${kb(total)} KiB`);
  for (const [url, n] of [...m.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${kb(n).padStart(8)} KiB  ${url.replace(/^http:\/\/127\.0\.0\.1:\d+/, "")}`);
}
const results = await page.locator("#search-results li, .search-results > li").count();
console.log(`results shown after the second query: ${results}`);
await browser.close();
server.close();
