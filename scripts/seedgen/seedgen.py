"""Regenerates the demo seed files in crates/server/seed/ (fairs, employers,
positions, enterprises, projects).

    python3 scripts/seedgen/seedgen.py

The output is deterministic: fixed UUID v5 ids from natural keys and PRNGs
seeded from text keys, so running it twice gives identical files and
references (employer_id, fair_id, fair_ids) always hold. The policy seed files
are owned elsewhere and not touched.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.dont_write_bytecode = True  # keep the repository free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import write_json  # noqa: E402
from jobs import employer_records, fair_records, position_records  # noqa: E402
from ledger import enterprise_records  # noqa: E402
from projects import project_records  # noqa: E402


def main() -> None:
    write_json("fairs", fair_records())
    write_json("employers", employer_records())
    write_json("positions", position_records())
    write_json("enterprises", enterprise_records())
    write_json("projects", project_records())


if __name__ == "__main__":
    main()
