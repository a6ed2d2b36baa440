// Opens pages of a built site in Debian's Chromium, runs axe-core on each, checks
// that nothing overflows a 390 px phone viewport, and saves screenshots.
// Usage: node browser-check.mjs SITE_OUTPUT_DIR PORT SCREENSHOT_DIR path...
import { chromium } from "playwright-core";
import { serve } from "./static-server.mjs";
import { readFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";

const [root, port, shots, ...paths] = process.argv.slice(2);
const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const server = serve(root, port);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
await mkdir(shots, { recursive: true });
let failures = 0;
for (const [name, width, height] of [["desktop", 1280, 900], ["phone", 390, 844]]) {
  const page = await browser.newPage({ viewport: { width, height } });
  for (const p of paths) {
    const url = `http://127.0.0.1:${port}${p}`;
    const resp = await page.goto(url, { waitUntil: "load" });
    if (!resp || resp.status() !== 200) { console.log(`FAIL ${url}: status ${resp && resp.status()}`); failures++; continue; }
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    for (const v of result.violations) {
      console.log(`${serious.includes(v) ? "FAIL" : "note"} axe ${name} ${p}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    }
    failures += serious.length;
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) { console.log(`FAIL ${name} ${p}: page is ${overflow}px wider than the viewport`); failures++; }
    const file = `${shots}/${name}${p.replace(/\/+/g, "_") || "_home"}.png`;
    await page.screenshot({ path: file, fullPage: name === "phone" ? false : true });
    console.log(`ok ${name} ${p} (screenshot ${file})`);
  }
  await page.close();
}
await browser.close();
server.close();
console.log(failures === 0 ? "browser check: no serious violations, no overflow" : `browser check: ${failures} failures`);
process.exit(failures === 0 ? 0 : 1);
