"""Every HTML page of a built site has exactly one JSON-LD block that parses as JSON;
posts carry a BlogPosting with every field the SEO issue names, author pages a
ProfilePage about a Person, the home page a WebSite and an Organization. Redirect
pages (an old address: a meta refresh and noindex) are no content and are skipped."""
import json
import pathlib
import sys
from html.parser import HTMLParser


class Blocks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks, self._in, self.redirect = [], False, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.redirect = True
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._in = True
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.blocks[-1] += data


POSTING = ["headline", "description", "datePublished", "dateModified", "url", "mainEntityOfPage", "image",
           "keywords", "wordCount", "articleSection", "inLanguage", "publisher", "author"]
PERSON = ["name", "url", "sameAs"]
out = pathlib.Path(sys.argv[1])
problems = []
pages = redirects = 0
for path in sorted(out.rglob("*.html")):
    rel = str(path.relative_to(out))
    parser = Blocks()
    parser.feed(path.read_text())
    if parser.redirect and not parser.blocks:
        redirects += 1
        continue
    if len(parser.blocks) != 1:
        problems.append(f"{rel}: {len(parser.blocks)} JSON-LD blocks")
        continue
    try:
        graph = json.loads(parser.blocks[0])["@graph"]
    except (ValueError, KeyError) as e:
        problems.append(f"{rel}: {e}")
        continue
    pages += 1
    types = {node.get("@type"): node for node in graph}
    if rel.startswith("posts/"):
        post = types.get("BlogPosting")
        if not post or "BreadcrumbList" not in types:
            problems.append(f"{rel}: no BlogPosting and BreadcrumbList")
            continue
        problems += [f"{rel}: BlogPosting without {k}" for k in POSTING if k not in post]
        for person in post.get("author", []):
            problems += [f"{rel}: author without {k}" for k in PERSON if k not in person]
    elif rel.startswith("authors/") and rel.count("/") == 2 and "/page/" not in rel:
        person = types.get("ProfilePage", {}).get("mainEntity", {})
        problems += [f"{rel}: Person without {k}" for k in ["name", "url", "sameAs", "worksFor"] if k not in person]
    elif rel == "index.html" and not {"WebSite", "Organization"} <= types.keys():
        problems.append(f"{rel}: no WebSite and Organization")
for p in problems:
    print("FAIL", p)
print(f"{pages} pages with valid JSON-LD, {redirects} redirect pages skipped, {len(problems)} problems")
sys.exit(1 if problems else 0)
