// A local server for a built site, shared by the browser checks and the search
// benchmark: serves SITE_OUTPUT_DIR on 127.0.0.1:PORT, `folder/` as its
// index.html, with the content types a static host gives. With `gzip`, text is
// gzip'd on the wire when the browser accepts it, as static hosts do.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, extname, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".svg": "image/svg+xml", ".xml": "application/xml",
  ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp", ".js": "text/javascript",
  ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm",
};

export function serve(root, port, { gzip = false } = {}) {
  const server = createServer(async (req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (path.includes("..")) { res.writeHead(404); return res.end(); }
    if (path.endsWith("/")) path += "index.html";
    try {
      const body = await readFile(join(root, path));
      // Pagefind's own files (.pagefind, .pf_*) are gzip'd already.
      const type = TYPES[extname(path)] || "application/octet-stream";
      if (gzip && type.startsWith("text/") && /gzip/.test(req.headers["accept-encoding"] || "")) {
        res.writeHead(200, { "content-type": type, "content-encoding": "gzip" });
        return res.end(gzipSync(body));
      }
      res.writeHead(200, { "content-type": type });
      res.end(body);
    } catch {
      res.writeHead(404); res.end();
    }
  }).listen(Number(port), "127.0.0.1");
  server.on("error", (err) => { console.log(`FAIL cannot serve ${root} on port ${port}: ${err.message}`); process.exit(1); });
  return server;
}
