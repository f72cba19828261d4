"""Shared helpers for the seed generator: fixed ids, credit codes, phones, JSON output.

Everything here is deterministic: ids are UUID v5 of a fixed namespace and a
natural key, and "random" choices come from `random.Random(<text key>)`, whose
string seeding (version 2, SHA-512) is stable across Python 3 releases.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import uuid
from pathlib import Path

# The namespace of every seed id. Changing it changes every id in every file.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://tongji-connect.example/seed/v1")

# "Today" for the demo content: fairs, milestones and postings are dated around it.
TODAY = dt.date(2026, 11, 26)

# Villages and communities of Tongji used throughout the demo content.
VILLAGES = [
    "小李村",
    "郭庄社区",
    "黄家埠",
    "下泊",
    "即发阳光城社区",
    "庄头",
    "西流峰",
    "龙湾",
    "东流峰",
    "山东华府社区",
]

SEED_DIR = Path(__file__).resolve().parents[2] / "crates" / "server" / "seed"


def record_id(kind: str, key: str) -> str:
    """A fixed id for a record of `kind` identified by `key` (UUID v5)."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def rng(key: str) -> random.Random:
    """A PRNG seeded from a text key."""
    return random.Random(key)


def day(text: str) -> str:
    """Checks an ISO date and returns it unchanged."""
    dt.date.fromisoformat(text)
    return text


# --- unified social credit codes (GB 32100-2015) ------------------------------

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
ORG_BODY_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_check_char(first17: str) -> str:
    """Same algorithm as `CreditCode::check_char` in crates/domain/src/validate.rs."""
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def org_check_char(first8: str) -> str:
    """GB 11714 organisation-code check character (positions 9-17 of a credit code)."""
    def value(c: str) -> int:
        return int(c) if c.isdigit() else ord(c) - ord("A") + 10

    c9 = 11 - sum(value(c) * w for c, w in zip(first8, ORG_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(c9, str(c9))


def credit_code(name: str, kind: str, founded: int | None) -> str:
    """A plausible credit code for an entity of Jimo (region 370282).

    kind: "company" (91), "individual" (92) or "cooperative" (93). Entities
    founded before 2015 keep an old numeric organisation code; later ones get an
    "MA" code, as issued since the reform.
    """
    prefix = {"company": "91", "individual": "92", "cooperative": "93"}[kind]
    h = hashlib.sha256(("credit:" + name).encode()).digest()
    r = random.Random(h)
    for _ in range(100):
        if founded is not None and founded < 2015 and kind == "company":
            body = "".join(r.choice("0123456789") for _ in range(8))
            body = r.choice("1267") + body[1:]
        else:
            body = "MA" + r.choice("3") + "".join(r.choice(ORG_BODY_CHARS) for _ in range(5))
        org = body + org_check_char(body)
        first17 = prefix + "370282" + org
        if all(c in CREDIT_CHARSET for c in first17):
            return first17 + credit_check_char(first17)
    raise RuntimeError(f"no credit code for {name}")


# --- phones --------------------------------------------------------------------


def mobile(key: str) -> str:
    """A fictional mainland mobile number, stable for a key."""
    r = rng("mobile:" + key)
    head = r.choice(["133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "158", "159",
                     "176", "177", "180", "183", "185", "186", "187", "188", "189", "199"])
    return head + "".join(r.choice("0123456789") for _ in range(8))


def landline(key: str) -> str:
    """A fictional Qingdao landline (0532-8xxxxxxx), stable for a key."""
    r = rng("landline:" + key)
    return "0532-8" + r.choice("4678") + "".join(r.choice("0123456789") for _ in range(6))


# --- output --------------------------------------------------------------------


def write_json(name: str, records: list[dict]) -> None:
    """Writes a seed file: a pretty-printed JSON array (2-space indent, UTF-8)."""
    path = SEED_DIR / f"{name}.json"
    text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"{path.relative_to(SEED_DIR.parents[2])}: {len(records)} records")
