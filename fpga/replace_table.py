#!/usr/bin/env python3
"""Replaces what lies between <!-- NAME begin --> and <!-- NAME end --> in a Markdown file.
Usage: fpga/replace_table.py FILE NAME TEXT (the measurement scripts' tables in docs/)."""
import sys

path, name, body = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
begin, end = f"<!-- {name} begin -->", f"<!-- {name} end -->"
if begin not in text or end not in text:
    sys.exit(f"{path} has no {name} markers")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w", encoding="utf-8").write(head + begin + "\n" + body + "\n" + end + tail)
