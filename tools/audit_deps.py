"""`make audit-deps`: pip-audit of everything the pinned dependencies install in .venv.

    python -m tools.audit_deps [--service pypi|osv]

Fails (exit 1) on any known vulnerability, and (exit 2) when the advisory data could not be
read for some package: pip-audit itself reports that as a skip and says "No known
vulnerabilities found", which would hide an audit that never happened.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from typing import Any


def findings(report: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(known vulnerabilities, packages that could not be audited), one line each."""
    vulnerable, unaudited = [], []
    for dependency in report.get("dependencies", []):
        name = f"{dependency['name']} {dependency.get('version', '')}".strip()
        if "skip_reason" in dependency:
            unaudited.append(f"{name}: {dependency['skip_reason']}")
        for vulnerability in dependency.get("vulns", []):
            fixed = ", ".join(vulnerability.get("fix_versions", [])) or "no fixed version"
            vulnerable.append(f"{name}: {vulnerability['id']} (fixed in {fixed})")
    return vulnerable, unaudited


def last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else "(no message)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--service", default="pypi", choices=["pypi", "osv"],
                        help="where pip-audit reads advisories")
    args = parser.parse_args()
    run = subprocess.run(
        [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off",
         "--skip-editable", "--vulnerability-service", args.service],
        capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(f"audit-deps: pip-audit could not run (the advisory service '{args.service}' "
              f"may be unreachable): {last_line(run.stderr)}", file=sys.stderr)
        return 2
    vulnerable, unaudited = findings(report)
    audited = len(report.get("dependencies", [])) - len(unaudited)
    for line in vulnerable:
        print(f"VULNERABLE {line}")
    if unaudited:
        print(f"audit-deps: NOT AUDITED: the advisory data for {len(unaudited)} of "
              f"{len(report.get('dependencies', []))} packages could not be read from "
              f"'{args.service}' (first: {unaudited[0]}). Run it where the advisory service "
              "answers, or try --service osv.", file=sys.stderr)
        return 2
    print(f"audit-deps: {audited} packages audited, {len(vulnerable)} known vulnerabilities")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
