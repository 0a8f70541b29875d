#!/usr/bin/env python3
"""Replace a generated section of README.md.

usage: scripts/update-readme.py [--readme PATH] [--check] SECTION FILE

Replaces the text between the marker lines

    <!-- SECTION:begin -->
    <!-- SECTION:end -->

in README.md (the repository's, next to scripts/, unless --readme is given) with the content
of FILE ("-" reads standard input). The markers stay; the content is written between them
followed by exactly one newline. Used for the tables the tools write, e.g.

    build/tools/sweep_float --markdown /tmp/accuracy-float.md
    scripts/update-readme.py accuracy-float /tmp/accuracy-float.md

Exit status: 0 when the section is up to date (or was updated), 1 when the markers are missing,
duplicated or out of order, or with --check when the section would change; 2 on bad usage.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_README = os.path.join(HERE, "..", "README.md")


def replace_section(text, section, content):
    """Returns text with the section's content replaced; raises ValueError on bad markers."""
    begin = "<!-- %s:begin -->" % section
    end = "<!-- %s:end -->" % section
    nb, ne = text.count(begin), text.count(end)
    if nb != 1 or ne != 1:
        raise ValueError("expected exactly one '%s' and one '%s', found %d and %d"
                         % (begin, end, nb, ne))
    b = text.index(begin) + len(begin)
    e = text.index(end)
    if e < b:
        raise ValueError("'%s' comes before '%s'" % (end, begin))
    body = content.rstrip("\n")
    middle = "\n" + body + "\n" if body else "\n"
    return text[:b] + middle + text[e:]


def main(argv):
    ap = argparse.ArgumentParser(description="Replace a generated section of README.md.")
    ap.add_argument("section", metavar="SECTION",
                    help="marker name: the text between <!-- SECTION:begin --> and "
                         "<!-- SECTION:end --> is replaced")
    ap.add_argument("file", metavar="FILE", help="new content ('-' for standard input)")
    ap.add_argument("--readme", default=DEFAULT_README, help="file to edit (default: README.md)")
    ap.add_argument("--check", action="store_true",
                    help="change nothing; exit 1 when the section is not up to date")
    args = ap.parse_args(argv)

    if not re.fullmatch(r"[A-Za-z0-9_.-]+", args.section):
        ap.error("SECTION must be letters, digits, '_', '.', '-'")
    try:
        if args.file == "-":
            content = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8") as f:
                content = f.read()
        with open(args.readme, encoding="utf-8", newline="") as f:
            text = f.read()
    except OSError as e:
        print("update-readme: %s" % e, file=sys.stderr)
        return 1

    try:
        new = replace_section(text, args.section, content)
    except ValueError as e:
        print("update-readme: %s: %s" % (args.readme, e), file=sys.stderr)
        return 1

    readme = os.path.relpath(args.readme)
    if new == text:
        print("update-readme: %s: section '%s' is up to date" % (readme, args.section))
        return 0
    if args.check:
        print("update-readme: %s: section '%s' is out of date" % (readme, args.section))
        return 1
    tmp = args.readme + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(new)
    os.replace(tmp, args.readme)
    print("update-readme: %s: section '%s' updated" % (readme, args.section))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
