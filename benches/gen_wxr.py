#!/usr/bin/env python3
"""Writes a WordPress export (WXR 1.2) of N posts, the same every run, for timing
`byline import wordpress`: three users, a co-author on every fifth post, 50 tags
and 5 categories, HTML bodies with headings, lists, links to other posts, a
[caption] shortcode and Gutenberg block comments.

    python3 benches/gen_wxr.py 10000 > /tmp/wxr-10k.xml
"""
import random
import sys
from xml.sax.saxutils import escape

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
rng = random.Random(14)
words = ("pipeline backfill schema drift contract latency replay idempotent warehouse "
         "renewal buyer expert evidence audit rotation secret outage dashboard metric").split()
users = [("maya", "Maya Okafor"), ("chris", "Chris Koch"), ("lena", "Lena Virtanen")]
tags = [f"Topic {i}" for i in range(50)]
out = sys.stdout.write
out('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
    'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
    '<channel><title>Bench Notes</title><link>https://old.bench.example</link>'
    '<description>A generated blog</description><language>en-GB</language>'
    '<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.bench.example</wp:base_site_url>\n')
for i, (login, name) in enumerate(users, 1):
    out(f'<wp:author><wp:author_id>{i}</wp:author_id><wp:author_login><![CDATA[{login}]]></wp:author_login>'
        f'<wp:author_email><![CDATA[{login}@bench.example]]></wp:author_email>'
        f'<wp:author_display_name><![CDATA[{name}]]></wp:author_display_name></wp:author>\n')


def sentence():
    return " ".join(rng.choice(words) for _ in range(rng.randint(8, 16))).capitalize() + "."


for i in range(n):
    slug = f"post-{i}-{rng.choice(words)}"
    day = f"20{15 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    author = users[i % 3][0]
    paras = "\n\n".join(
        f"<!-- wp:paragraph -->\n<p>{sentence()} {sentence()} <a href=\"https://old.bench.example/{day.replace('-', '/')}/post-{max(i - 1, 0)}/\">earlier</a>.</p>\n<!-- /wp:paragraph -->"
        for _ in range(rng.randint(3, 8)))
    body = (f"{paras}\n\n<h2>{escape(sentence())}</h2>\n<ul><li>{sentence()}</li><li>{sentence()}</li></ul>\n"
            f"[caption id=\"a{i}\" width=\"300\"]<img src=\"https://old.bench.example/wp-content/uploads/c{i % 7}.png\" "
            f"alt=\"chart {i}\" width=\"300\" height=\"200\" /> Chart {i}[/caption]")
    cats = "".join(f'<category domain="post_tag" nicename="topic-{t}"><![CDATA[Topic {t}]]></category>'
                   for t in rng.sample(range(50), 3))
    cats += f'<category domain="category" nicename="cat-{i % 5}"><![CDATA[Category {i % 5}]]></category>'
    if i % 5 == 0:  # Co-Authors Plus lists every author, the first one too.
        for login in (author, users[(i + 1) % 3][0]):
            cats += f'<category domain="author" nicename="cap-{login}"><![CDATA[{login}]]></category>'
    out(f'<item><title><![CDATA[{escape(sentence())}]]></title>'
        f'<link>https://old.bench.example/{day.replace("-", "/")}/{slug}/</link>'
        f'<dc:creator><![CDATA[{author}]]></dc:creator><content:encoded><![CDATA[{body}]]></content:encoded>'
        f'<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{100 + i}</wp:post_id>'
        f'<wp:post_date_gmt><![CDATA[{day} 09:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[{slug}]]></wp:post_name>'
        f'<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>{cats}</item>\n')
out('</channel></rss>\n')
