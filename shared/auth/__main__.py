"""Print a development token: python -m shared.auth --role auditor --sub auditor-001"""

from __future__ import annotations

import argparse

from ..settings import ServiceSettings
from .roles import Role
from .tokens import issue_development_token


def main() -> None:
    parser = argparse.ArgumentParser(description="Issue a signed development token")
    parser.add_argument("--sub", default="dev-user", help="the person's id in the directory")
    parser.add_argument("--role", action="append", choices=[r.value for r in Role],
                        required=True, help="repeat for several roles")
    parser.add_argument("--team", default=None, help="team id claim")
    parser.add_argument("--hours", type=float, default=12)
    args = parser.parse_args()
    settings = ServiceSettings()
    if settings.environment == "production":
        raise SystemExit("development tokens are refused in production; use the OIDC issuer")
    print(issue_development_token(secret=settings.auth_dev_secret, subject=args.sub,
                                  roles=args.role, team_id=args.team, hours=args.hours))


if __name__ == "__main__":
    main()
