#!/usr/bin/env python3
"""Makes the default theme's favicon: static/favicon.svg and its PNG fallback
static/favicon.png (32 x 32), from one drawing, so the two always match.

The mark is a byline: an author's round photo and their name beside it, above two
lines of text, in white on the theme's accent blue (--accent in css/style.css).
Standard library only. Run from anywhere: python3 tools/favicon.py
"""

import os
import struct
import zlib

ACCENT = (0x0B, 0x5C, 0xAD)
WHITE = (0xFF, 0xFF, 0xFF)
SIZE = 32  # the drawing's units, and the PNG's pixels

# Rounded rectangles as (x, y, width, height, corner radius); the circle as (cx, cy, r).
TILE = (0, 0, 32, 32, 7)
PHOTO = (11, 11.5, 4.5)
BARS = [(18, 9.5, 8, 4, 2), (6, 19, 20, 3.5, 1.75), (6, 24.5, 13, 3.5, 1.75)]

STATIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "themes", "default", "static")


def in_rounded(px, py, rect):
    x, y, w, h, r = rect
    if not (x <= px <= x + w and y <= py <= y + h):
        return False
    # Distance from the nearest corner centre, for points in a corner square.
    cx = min(max(px, x + r), x + w - r)
    cy = min(max(py, y + r), y + h - r)
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r


def in_circle(px, py, circle):
    cx, cy, r = circle
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r


def pixel(x, y, samples=8):
    """RGBA of pixel (x, y), from samples x samples points inside it."""
    tile = white = 0
    for i in range(samples):
        for j in range(samples):
            px = x + (i + 0.5) / samples
            py = y + (j + 0.5) / samples
            if in_rounded(px, py, TILE):
                tile += 1
                if in_circle(px, py, PHOTO) or any(in_rounded(px, py, b) for b in BARS):
                    white += 1
    if tile == 0:
        return (0, 0, 0, 0)
    share = white / tile
    rgb = tuple(round(a + (b - a) * share) for a, b in zip(ACCENT, WHITE))
    return rgb + (round(255 * tile / samples**2),)


def png(width, height, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(v for p in row for v in p) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def hex_colour(rgb):
    return "#%02x%02x%02x" % rgb


def rect_svg(rect, fill):
    x, y, w, h, r = rect
    return f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="{r:g}" fill="{fill}"/>'


def svg():
    cx, cy, r = PHOTO
    white = hex_colour(WHITE)
    parts = [rect_svg(TILE, hex_colour(ACCENT)), f'<circle cx="{cx:g}" cy="{cy:g}" r="{r:g}" fill="{white}"/>']
    parts += [rect_svg(b, white) for b in BARS]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" height="{SIZE}">\n'
        + "".join(f"  {p}\n" for p in parts)
        + "</svg>\n"
    )


def main():
    rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
    with open(os.path.join(STATIC, "favicon.png"), "wb") as f:
        f.write(png(SIZE, SIZE, rows))
    with open(os.path.join(STATIC, "favicon.svg"), "w", encoding="utf-8") as f:
        f.write(svg())
    print("wrote static/favicon.png and static/favicon.svg")


if __name__ == "__main__":
    main()
