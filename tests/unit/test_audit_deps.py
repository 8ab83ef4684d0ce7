"""`make audit-deps` reads pip-audit's report: a package it could not audit is a failure,
never a silent pass."""

from tools.audit_deps import findings


def test_vulnerabilities_and_unaudited_packages_are_both_named():
    report = {"dependencies": [
        {"name": "fictional-lib", "version": "1.0", "vulns": [
            {"id": "PYSEC-0000-1", "fix_versions": ["1.1"]}]},
        {"name": "another-lib", "skip_reason": "Dependency not found on PyPI"},
        {"name": "clean-lib", "version": "2.0", "vulns": []},
    ]}
    vulnerable, unaudited = findings(report)
    assert vulnerable == ["fictional-lib 1.0: PYSEC-0000-1 (fixed in 1.1)"]
    assert unaudited == ["another-lib: Dependency not found on PyPI"]
