"""Write src/equipoise/analysis/validation/data/deu_skill.json from the shared DEU file.

Usage: python tools/build_deu_skill.py [PATH_TO_deu_1996_2000.tsv]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "equipoise" / "analysis" / "validation" / "data" / "deu_skill.json"


def build(path: Path) -> dict:
    from equipoise.analysis.bargaining import read_deu_tsv
    from equipoise.analysis.validation.skill import deu_skill
    data = deu_skill(read_deu_tsv(path))
    return json.loads(json.dumps(data, sort_keys=True))


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "deu" / "deu_1996_2000.tsv"
    from equipoise.case.loader import write_text_atomic
    write_text_atomic(OUT, json.dumps(build(src), indent=2, sort_keys=True) + "\n")
    print(f"wrote {OUT}")
