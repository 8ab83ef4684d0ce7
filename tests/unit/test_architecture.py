"""The architecture's import rules (pyproject.toml, [tool.importlinter]) hold, and the
checker really fails on a violation."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"})


def test_the_project_keeps_its_import_contracts():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_domain_that_imports_the_store_breaks_the_contract(tmp_path):
    """The same contract on a tiny project whose domain imports the store directly."""
    (tmp_path / "services" / "demo" / "domain").mkdir(parents=True)
    (tmp_path / "shared").mkdir()
    for package in ("services", "services/demo", "services/demo/domain", "shared"):
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "shared" / "store.py").write_text("STORE = 'the store'\n")
    (tmp_path / "services" / "demo" / "domain" / "rules.py").write_text(
        "from shared.store import STORE  # what the contract forbids\n")
    (tmp_path / ".importlinter").write_text(textwrap.dedent("""\
        [importlinter]
        root_packages =
            services
            shared

        [importlinter:contract:pure-domain]
        name = Domain rules are pure
        type = forbidden
        source_modules = services.*.domain
        forbidden_modules = shared.store
        """))
    result = lint(tmp_path)
    assert result.returncode == 1
    assert "services.demo.domain is not allowed to import shared.store" in result.stdout
