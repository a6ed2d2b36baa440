#!/usr/bin/env python3
"""Preview latency and load: the time from saving a post to the rebuilt page being
served by `byline serve`, on a generated corpus, and the server under `wrk` load with
an edit landing mid-run. Appends a section to benches/serve-results.md.

  python3 benches/serve_latency.py [--size 10k] [--edits 5]
"""
import argparse
import datetime
import pathlib
import re
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent


def get(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="10k")
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--port", type=int, default=1777)
    args = ap.parse_args()
    corpus = ROOT / "target" / "bench" / f"corpus-{args.size}" / "byline"
    if not corpus.exists():
        sys.exit(f"no corpus at {corpus}: run benches/bench.py --sizes {args.size} first")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    server = subprocess.Popen([str(ROOT / "target/release/byline"), "serve", str(corpus), "--port", str(args.port)],
                              stdout=subprocess.PIPE, text=True)
    line = ""
    while not line.startswith("serving "):
        line = server.stdout.readline()
        if not line:
            sys.exit("serve stopped")
    port = int(re.search(r":(\d+)/", line).group(1))
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    post = sorted((corpus / "content" / "posts").glob("*.md"))[1234]
    slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", post.stem)
    url = f"{base}/posts/{slug}/"
    original = post.read_text()
    latencies = []
    try:
        for i in range(args.edits):
            marker = f"latency-marker-{time.time_ns()}"
            start = time.perf_counter()
            post.write_text(original + f"\n\n{marker}\n")
            while marker not in get(url):
                time.sleep(0.005)
            latencies.append((time.perf_counter() - start) * 1000)
            time.sleep(0.5)
        wrk_out = {}

        def load():
            wrk_out["text"] = subprocess.run(["wrk", "-t2", "-c50", "-d10s", "--latency", url],
                                             capture_output=True, text=True).stdout
        t = threading.Thread(target=load)
        t.start()
        time.sleep(5)
        post.write_text(original + "\n\nedited under load\n")
        t.join()
    finally:
        post.write_text(original)
        server.terminate()
        server.wait()
    wrk = wrk_out.get("text", "")
    rps = re.search(r"Requests/sec:\s+([\d.]+)", wrk)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", wrk)
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", wrk, re.M))
    lat = sorted(latencies)
    report = [
        f"## {datetime.date.today()}: {args.size} corpus, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores",
        "",
        f"Save-to-served latency over {args.edits} edits of one post (write the file, poll the page until the new text is served): "
        f"median {lat[len(lat) // 2]:.0f} ms, min {lat[0]:.0f} ms, max {lat[-1]:.0f} ms. Target: under 100 ms.",
        "",
        f"`wrk -t2 -c50 -d10s` on a post page with an edit landing at 5 s: {rps.group(1) if rps else '?'} requests/s, "
        f"latency p50 {pct.get('50', '?')}, p75 {pct.get('75', '?')}, p90 {pct.get('90', '?')}, p99 {pct.get('99', '?')}; "
        f"errors: {errors.group(0) if errors else 'none'}.",
        "",
    ]
    out = ROOT / "benches" / "serve-results.md"
    prev = out.read_text() if out.exists() else "# byline serve: latency and load\n\nWritten by `benches/serve_latency.py`.\n\n"
    out.write_text(prev + "\n".join(report) + "\n")
    print("\n".join(report))
    print(wrk)


if __name__ == "__main__":
    main()
