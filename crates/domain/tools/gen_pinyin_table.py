#!/usr/bin/env python3
"""Writes crates/domain/src/search/pinyin.bin, the hanzi -> pinyin table the
search index embeds (format: crates/domain/src/search/pinyin.rs).

    pip install pypinyin==0.55.0
    python3 crates/domain/tools/gen_pinyin_table.py [OUT]

Characters: the 6,763 hanzi of GB 2312 (every level-1 and level-2 code point
decoded with Python's gb2312 codec) plus EXTRA, name characters GB 2312 lacks.

Readings come from pypinyin, whose single-character data is pinyin-data (the
same as the Rust `pinyin` crate). pinyin-data merges dictionaries back to
classical ones, so 拔 also reads bo/bie/fa/bei and 件 reads mou: 2,422 extra
readings for GB 2312, most of them archaic, each a false match for pinyin and
initials (`jimo` found 计件). So a character keeps its first (most common)
reading plus only those extra readings attested in pypinyin's phrase
dictionary (phrase-pinyin-data, 47k words): 银行 keeps 行 hang, 重庆 keeps 重
chong, 厂长 keeps 长 zhang; 404 extras remain. Tones are dropped; ü is `v`.
"""
import json
import os
import sys
import unicodedata

import pypinyin

EXTRA = "喆堃玥昇珺璟婧晟熠钰琰瑄瑾璇琪祎禛祺煜烨焜淏沅泓淇滢灏铖铠锟锴镕颉颢犇燚鑫淼垚"
FIRST, LAST = 0x4E00, 0x9FFF
MAGIC = b"PYT1"


def plain(reading):
    """Toneless, with ü as v."""
    out = ""
    for c in unicodedata.normalize("NFD", reading):
        if c == "\u0308":
            out = out[:-1] + "v"
        elif not unicodedata.combining(c):
            out += c
    assert out.isascii() and out.isalpha() and out.islower(), reading
    return out


def gb2312_hanzi():
    chars = []
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            if lead == 0xD7 and trail > 0xF9:  # unassigned tail of level 1
                continue
            chars.append(bytes([lead, trail]).decode("gb2312"))
    assert len(chars) == 6763
    return chars


def load(name):
    path = os.path.join(os.path.dirname(pypinyin.__file__), name)
    with open(path, encoding="utf8") as f:
        return json.load(f)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "crates/domain/src/search/pinyin.bin"
    single = load("pinyin_dict.json")
    attested = {}
    for word, readings in load("phrases_dict.json").items():
        if len(word) == len(readings):
            for c, rs in zip(word, readings):
                attested.setdefault(c, set()).update(plain(r) for r in rs)

    chars = set(gb2312_hanzi())
    extra = [c for c in EXTRA if c not in chars]
    chars.update(extra)
    table = []
    dropped = 0
    for c in sorted(chars):
        assert FIRST <= ord(c) <= LAST, c
        readings = []
        for r in single[str(ord(c))].split(","):
            r = plain(r)
            if r not in readings:
                readings.append(r)
        kept = readings[:1] + [r for r in readings[1:] if r in attested.get(c, ())]
        dropped += len(readings) - len(kept)
        table.append((c, kept))

    syllables = sorted({r for _, rs in table for r in rs})
    ids = {s: i for i, s in enumerate(syllables)}
    blob = " ".join(syllables).encode()
    bitmap = bytearray((LAST - FIRST + 1) // 8)
    primary, counts, extras = bytearray(), bytearray(), bytearray()
    for c, rs in table:
        offset = ord(c) - FIRST
        bitmap[offset // 8] |= 1 << (offset % 8)
        primary += (ids[rs[0]] | (0x8000 if len(rs) > 1 else 0)).to_bytes(2, "little")
        if len(rs) > 1:
            counts.append(len(rs) - 1)
            for r in rs[1:]:
                extras += ids[r].to_bytes(2, "little")

    header = MAGIC + b"".join(
        n.to_bytes(2, "little") for n in (len(syllables), len(table), len(extras) // 2, len(counts), len(blob))
    )
    data = header + blob + bitmap + primary + counts + extras
    with open(out, "wb") as f:
        f.write(data)
    print(
        f"{out}: {len(data)} bytes; {len(syllables)} syllables, {len(table)} hanzi "
        f"(extra: {''.join(extra)}), {len(counts)} with more than one reading, "
        f"{len(extras) // 2} extra readings kept, {dropped} unattested dropped",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
