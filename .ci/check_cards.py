#!/usr/bin/env python3
"""Reads back the text of social cards with OCR (tesseract) and checks that the
words each card must show are there: a two-line and a four-line title, a
co-authored card, a title in Cyrillic and an author's card.

usage: check_cards.py OUTPUT_DIR EXPECTED_JSON
EXPECTED_JSON maps a card's path in the output to the words it must show."""
import json
import re
import subprocess
import sys


def words(text):
    """The words of an OCR reading, lower case."""
    return set(re.findall(r"\w+", text.lower()))


def main(out, expected_file):
    expected = json.load(open(expected_file, encoding="utf-8"))
    failures = []
    for card, want in expected.items():
        path = f"{out}/{card}"
        with open(path, "rb") as f:
            if f.read(8) != b"\x89PNG\r\n\x1a\n":
                failures.append(f"{card}: not a PNG")
                continue
        # Each language on its own: mixed, tesseract reads Latin names as Cyrillic.
        read = [subprocess.run(["tesseract", path, "stdout", "-l", lang, "--psm", "3"],
                               capture_output=True, text=True, check=True).stdout
                for lang in ("eng", "rus")]
        seen = words(read[0]) | words(read[1])
        missing = [w for w in want if w.lower() not in seen]
        if missing:
            failures.append(f"{card}: OCR did not find {missing}; it read:\n{read[0]}\n{read[1]}")
        else:
            print(f"{card}: all {len(want)} words read back")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
