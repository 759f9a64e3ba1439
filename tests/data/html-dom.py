#!/usr/bin/env python3
"""Read what Chromium makes of ccreport's HTML page, for tests/ccreport-html.bats.

Independent of ccreport's code: a DOM tree built with Python's html.parser
from Chromium's --dump-dom output (or from the page itself), a tiny selector
language, and a PNG decoder (zlib and the five PNG filters) for screenshots.

  html-dom.py count FILE SEL        how many elements match SEL
  html-dom.py attr FILE SEL NAME    attribute NAME of each match, one a line
  html-dom.py text FILE SEL         the text of each match, one a line
  html-dom.py table FILE SEL        the first matching table as CSV: null cells
                                    (class "null") empty, empty strings "", and
                                    quotes only where RFC 4180 needs them
  html-dom.py png FILE [RRGGBB]...  "WIDTH HEIGHT COLOURS" of a PNG, then for
                                    each RRGGBB how many pixels are within 6 of
                                    it on every channel

SEL is a list of compound selectors separated by spaces (descendants); a
compound is an optional tag name, an optional #id and any number of .class:
"svg#chart-volume rect.bar.offered".
"""
import collections
import html.parser
import struct
import sys
import zlib

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def walk(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()


class Builder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(path):
    b = Builder()
    b.feed(open(path, encoding="utf-8").read())
    b.close()
    return b.root


def compound(s):
    tag, ident, classes, i = None, None, [], 0
    parts, cur, kind = [], "", "tag"
    for ch in s + "\0":
        if ch in "#.\0":
            if cur or kind != "tag":
                parts.append((kind, cur))
            kind, cur = {"#": "id", ".": "class", "\0": None}[ch], ""
        else:
            cur += ch
    for k, v in parts:
        if k == "tag":
            tag = v
        elif k == "id":
            ident = v
        else:
            classes.append(v)
    return tag, ident, classes


def matches(n, c):
    tag, ident, classes = c
    return ((tag is None or n.tag == tag) and (ident is None or n.attrs.get("id") == ident)
            and all(x in n.classes() for x in classes))


def select(root, sel):
    nodes = [root]
    for part in sel.split():
        c = compound(part)
        found, seen = [], set()
        for n in nodes:
            for d in n.walk():
                if matches(d, c) and id(d) not in seen:
                    seen.add(id(d))
                    found.append(d)
        nodes = found
    return nodes


def csv_field(v):
    if v is None:
        return ""
    if v == "" or any(ch in v for ch in ',"\r\n') or v[0] in " \t" or v[-1] in " \t":
        return '"' + v.replace('"', '""') + '"'
    return v


def table_csv(t):
    out = []
    for tr in select(t, "tr"):
        cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")]
        out.append(",".join(csv_field(None if "null" in c.classes() else c.text())
                            for c in cells))
    return "\n".join(out)


def png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(path + ": not a PNG")
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        n, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if typ == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif typ == b"IDAT":
            idat.append(body)
        elif typ == b"IEND":
            break
    w, h, depth, ctype, _, _, inter = hdr
    if depth != 8 or inter != 0 or ctype not in (2, 6):
        raise SystemExit(path + ": only 8-bit RGB or RGBA, not interlaced")
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        cur = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                cur[i] = (cur[i] + cur[i - bpp]) & 255
        elif f == 2:
            cur = bytearray((a + b) & 255 for a, b in zip(cur, prev))
        elif f == 3:
            for i in range(stride):
                left = cur[i - bpp] if i >= bpp else 0
                cur[i] = (cur[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = cur[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(cur))
        prev = cur
    return w, h, bpp, rows


def main(argv):
    cmd, path = argv[1], argv[2]
    if cmd == "png":
        w, h, bpp, rows = png(path)
        hist = collections.Counter()
        for r in rows:
            hist.update(r[i:i + 3] for i in range(0, len(r), bpp))
        near = []
        for hexc in argv[3:]:
            want = bytes.fromhex(hexc)
            near.append(sum(n for c, n in hist.items()
                            if all(abs(c[k] - want[k]) <= 6 for k in range(3))))
        print(w, h, len(hist), *near)
    else:
        nodes = select(parse(path), argv[3])
        if cmd == "count":
            print(len(nodes))
        elif cmd == "attr":
            for n in nodes:
                print(n.attrs.get(argv[4], ""))
        elif cmd == "text":
            for n in nodes:
                print(n.text())
        elif cmd == "table":
            if not nodes:
                raise SystemExit("no table matches " + argv[3])
            print(table_csv(nodes[0]))
        else:
            raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)
