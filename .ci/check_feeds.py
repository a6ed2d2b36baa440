"""Parses every feed of a built site with feedparser and fails on a bozo flag."""
import pathlib
import sys

import feedparser

out = pathlib.Path(sys.argv[1])
feeds = sorted(p for p in out.rglob("*.xml") if p.name in ("rss.xml", "atom.xml"))
if not feeds:
    sys.exit("no feeds found")
bad = 0
for path in feeds:
    d = feedparser.parse(path.read_bytes())
    if d.bozo:
        print(f"FAIL {path.relative_to(out)}: {d.bozo_exception}")
        bad += 1
    elif not d.entries and path.parent == out:
        print(f"FAIL {path.relative_to(out)}: no entries")
        bad += 1
print(f"{len(feeds)} feeds parsed, {bad} with errors")
sys.exit(1 if bad else 0)
