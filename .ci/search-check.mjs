// Drives the search page of the fixture site tests/fixtures/search in Debian's
// Chromium like a reader would (typing, ticking filters) and checks what it finds.
// Usage: node search-check.mjs SITE_OUTPUT_DIR PORT SCREENSHOT_DIR
// SITE_OUTPUT_DIR must be built from tests/fixtures/search with
// --base-url http://127.0.0.1:PORT/
import { chromium } from "playwright-core";
import { serve } from "./static-server.mjs";
import { readFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";

const [root, port, shots] = process.argv.slice(2);
if (!root || !port || !shots) {
  console.error("usage: node search-check.mjs SITE_OUTPUT_DIR PORT SCREENSHOT_DIR");
  process.exit(2);
}
const base = `http://127.0.0.1:${port}`;
const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const server = serve(root, port);

// What the fixture holds (tests/fixtures/search).
const TITLE = {
  quillwort: "What conveyor belts taught me about incidents",
  renewal: "Renewal season without the panic",
  lag: "Measuring pipeline lag",
  alerts: "Alerts people trust",
  security: "What buyers ask in a security review",
  migration: "Writing a migration plan together",
  ninety: "The first ninety days of a new customer",
};
const TOMAS_NEWEST_FIRST = [TITLE.migration, TITLE.alerts, TITLE.lag]; // Tomas Adeyemi's posts, one co-written with Maya Okafor
const CUSTOMER_SUCCESS = [TITLE.renewal, TITLE.migration, TITLE.ninety];
const YEAR_2024 = [TITLE.renewal, TITLE.lag, TITLE.alerts];
const BROAD_WORD = "platform"; // in several posts of both years and tags

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
await mkdir(shots, { recursive: true });
let failures = 0;
const ok = (msg) => console.log(`ok ${msg}`);
const fail = (msg) => { console.log(`FAIL ${msg}`); failures++; };
const check = (cond, msg, detail = "") => (cond ? ok(msg) : fail(`${msg}${detail ? `: ${detail}` : ""}`));

const consoleErrors = [];
async function openSearch(width = 1280, height = 900, query = "") {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  await page.goto(`${base}/search/${query}`, { waitUntil: "load" });
  // The script hides the no-JS fallback once Pagefind has loaded.
  await page.waitForSelector("#search-fallback", { state: "hidden", timeout: 15000 });
  return page;
}

// Waits until the live region reports a finished search and its results are drawn.
async function settled(page, pattern) {
  await page.waitForFunction((src) => {
    const status = document.getElementById("search-status").textContent;
    const m = status.match(/^(\d+) results?/);
    if (!m || !new RegExp(src).test(status)) return false;
    const shown = document.querySelectorAll("#search-results > li").length;
    return shown === Math.min(Number(m[1]), 10);
  }, pattern.source, { timeout: 15000 });
  return page.evaluate(() => ({
    status: document.getElementById("search-status").textContent,
    results: [...document.querySelectorAll("#search-results > li")].map((li) => ({
      title: li.querySelector(".search-result-title").textContent.trim(),
      kind: li.className.replace(/.*search-result-(\w+).*/, "$1"),
      href: li.querySelector(".search-result-title a").getAttribute("href"),
    })),
    url: location.search,
  }));
}

async function typeQuery(page, word) {
  await page.locator("#search-q").click();
  await page.keyboard.type(word, { delay: 40 });
  return settled(page, new RegExp(`for “${word}”`));
}

async function tick(page, group, value) {
  const details = page.locator("#search-filters");
  if (!(await details.evaluate((d) => d.open))) await page.locator("#search-filters > summary").click();
  await page.locator(`#search-filter-groups input[name="${group}"][value="${value}"]`).check();
}

const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const titles = (r) => r.results.map((x) => x.title);

async function scenario(name, fn) {
  try { await fn(); } catch (err) { fail(`${name}: ${err.message.split("\n")[0]}`); }
}

// 1. A word only in one post's body finds that post first.
await scenario("body word", async () => {
  const page = await openSearch();
  const r = await typeQuery(page, "quillwort");
  check(r.results[0] && r.results[0].title === TITLE.quillwort, "body-only word finds its post first", JSON.stringify(titles(r)));
  check(/q=quillwort/.test(r.url), "the address carries the query", r.url);
  const marked = await page.locator("#search-results > li").first().locator(".search-result-excerpt mark").allTextContents();
  check(marked.some((m) => /quillwort/i.test(m)), "the excerpt marks the matched word", JSON.stringify(marked));
  const byline = await page.locator("#search-results > li").first().locator(".byline-author .search-author-name").allTextContents();
  check(byline.map((s) => s.trim()).includes("Priya Raman"), "a post result names its author", JSON.stringify(byline));
  const time = await page.locator("#search-results > li").first().locator("time").getAttribute("datetime");
  check(time === "2025-06-02", "a post result shows its date", String(time));
  await page.screenshot({ path: `${shots}/search-body-word.png`, fullPage: true });
  await page.close();
});

// 2. The author filter for a co-author, no query: exactly that author's posts, newest first.
await scenario("author filter", async () => {
  const page = await openSearch();
  await tick(page, "author", "Tomas Adeyemi");
  const r = await settled(page, /chosen filters/);
  const posts = r.results.filter((x) => x.kind === "post").map((x) => x.title);
  check(sameList(posts, TOMAS_NEWEST_FIRST), "author filter (Tomas Adeyemi) lists exactly his posts, the co-written one included, newest first", JSON.stringify(posts));
  const others = r.results.filter((x) => x.kind !== "post");
  if (others.length) console.log(`note author filter also lists ${JSON.stringify(others.map((x) => `${x.kind}: ${x.title}`))}`);
  check(/author=Tomas\+Adeyemi/.test(r.url), "the address carries the author filter", r.url);
  await page.goBack();
  await page.waitForFunction(() => !location.search, null, { timeout: 5000 });
  const still = await page.locator('#search-filter-groups input[name="author"][value="Tomas Adeyemi"]').isChecked();
  check(!still && (await page.locator("#search-results > li").count()) === 0, "Back undoes the filter tick");
  await page.goForward();
  await settled(page, /chosen filters/);
  // Co-written post shows both authors, with Maya's photo.
  const mig = page.locator("#search-results > li", { hasText: TITLE.migration });
  const names = (await mig.locator(".byline-author .search-author-name").allTextContents()).map((s) => s.trim());
  check(sameList(names, ["Maya Okafor", "Tomas Adeyemi"]), "the co-written post names both authors", JSON.stringify(names));
  const photos = await mig.locator(".byline-author img").evaluateAll((imgs) => imgs.map((i) => [i.getAttribute("alt"), i.naturalWidth]));
  check(photos.length === 1 && photos[0][0] === "" && photos[0][1] > 0, "the author photo loads and is decorative (alt=\"\")", JSON.stringify(photos));
  await page.close();
});

// 3 and 4. A tag filter and a year filter each narrow a query's results.
for (const [label, group, value, allowed] of [["tag", "tag", "Customer success", CUSTOMER_SUCCESS], ["year", "year", "2024", YEAR_2024]]) {
  await scenario(`${label} filter`, async () => {
    const page = await openSearch();
    const before = await typeQuery(page, BROAD_WORD);
    await tick(page, group, value);
    const after = await settled(page, /chosen filters/);
    const t = titles(after);
    check(after.results.length > 0 && after.results.length < before.results.length,
      `${label} filter (${value}) narrows “${BROAD_WORD}” from ${before.results.length} to ${after.results.length}`, `${JSON.stringify(titles(before))} -> ${JSON.stringify(t)}`);
    check(t.every((x) => allowed.includes(x)), `every result of the ${label} filter matches it`, JSON.stringify(t));
    await page.close();
  });
}

// 5. An author page is found by the author's expertise.
await scenario("expertise", async () => {
  const page = await openSearch();
  const r = await typeQuery(page, "tribology");
  const first = r.results[0];
  check(first && first.kind === "author" && first.title === "Priya Raman" && /\/authors\//.test(first.href),
    "expertise word finds the author page first", JSON.stringify(r.results));
  const role = await page.locator("#search-results > li").first().locator(".author-role").textContent().catch(() => "");
  check(role === "Reliability Lead", "an author result shows the role", role);
  await page.close();
});

// 6. Words only in a call to action or in the footer find nothing.
for (const word of ["zephyrine", "larkwhistle"]) {
  await scenario(word, async () => {
    const page = await openSearch();
    const r = await typeQuery(page, word);
    check(r.results.length === 0, `“${word}” (${word === "zephyrine" ? "call to action" : "footer"} only) finds nothing`, JSON.stringify(titles(r)));
    await page.close();
  });
}

// 7. Prefilled from the address; axe with results shown and a filter open; overflow at 390 px.
for (const [name, width, height] of [["desktop", 1280, 900], ["phone", 390, 844]]) {
  await scenario(`axe ${name}`, async () => {
    const page = await openSearch(width, height, `?q=${BROAD_WORD}&year=2025`);
    const r = await settled(page, new RegExp(`for “${BROAD_WORD}”`));
    check((await page.locator("#search-q").inputValue()) === BROAD_WORD && r.results.length > 0, `${name}: query and filter are read from the address (results: ${r.results.length})`);
    check(await page.locator("#search-filters").evaluate((d) => d.open), `${name}: the filters open when the address has one`);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    for (const v of result.violations) console.log(`  axe ${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    check(result.violations.length === 0, `${name}: axe finds no violations on the results page`, `${result.violations.length} violations`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflow <= 0, `${name}: no horizontal overflow on the results page`, `${overflow}px too wide`);
    await page.screenshot({ path: `${shots}/search-${name}.png`, fullPage: true });
    // A post page, for the header form.
    await page.goto(`${base}${r.results.find((x) => x.kind === "post").href.replace(/^https?:\/\/[^/]+/, "")}`, { waitUntil: "load" });
    const overflowPost = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflowPost <= 0, `${name}: no horizontal overflow on a post page with the header search form`, `${overflowPost}px too wide`);
    await page.screenshot({ path: `${shots}/post-${name}.png`, fullPage: false });
    await page.close();
  });
}

// 8. Without JavaScript: the header form still submits to /search/, which links to the archive, topics and authors.
await scenario("no-JS", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${base}/`, { waitUntil: "load" });
  await page.locator(".header-search input[name=q]").fill("renewal");
  await page.locator(".header-search input[name=q]").press("Enter");
  await page.waitForURL(/\/search\/\?q=renewal/, { timeout: 10000 });
  ok("without JavaScript the header form submits to /search/?q=…");
  for (const [path, what] of [["archive/", "archive"], ["tags/", "topics"], ["authors/", "authors"]]) {
    const link = page.locator(`#search-fallback a[href$="/${path}"]`);
    check((await link.count()) === 1 && (await link.isVisible()), `no-JS search page links to the ${what}`);
  }
  check(await page.locator("#search-fallback").isVisible() && /needs JavaScript/.test(await page.locator("#search-fallback").textContent()), "no-JS search page says search needs JavaScript");
  await page.screenshot({ path: `${shots}/search-nojs.png`, fullPage: true });
  await context.close();
});

check(consoleErrors.length === 0, "no script errors in the console", consoleErrors.slice(0, 3).join(" | "));
await browser.close();
server.close();
console.log(failures === 0 ? "search check: all passed" : `search check: ${failures} failures`);
process.exit(failures === 0 ? 0 : 1);
