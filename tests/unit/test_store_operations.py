"""Code may use only operations both MongoDB and FerretDB 1.24 support (one code path)."""

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
UNSUPPORTED = {
    r"\$lookup": "$lookup", r"\$facet": "$facet", r"\$merge": "$merge", r"\$out\b": "$out",
    r"\$replaceRoot": "$replaceRoot", r"\$sample": "$sample", r"start_session": "sessions",
    r"with_transaction|start_transaction": "transactions", r"\.watch\(": "change streams",
    r"partialFilterExpression": "partial indexes", r"\bsparse\s*=": "sparse indexes",
    r"expireAfterSeconds": "TTL indexes",
    r"\$(avg|min|max|first|last|push|addToSet)\"\s*:\s*\"\$": "$group accumulators but $sum",
}


def test_no_code_uses_an_operation_ferretdb_lacks():
    found = []
    for path in [*ROOT.glob("services/**/*.py"), *ROOT.glob("shared/**/*.py")]:
        text = path.read_text()
        for pattern, what in UNSUPPORTED.items():
            if re.search(pattern, text):
                found.append(f"{path.relative_to(ROOT)}: {what}")
    assert found == []
