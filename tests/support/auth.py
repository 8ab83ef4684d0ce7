from shared.auth import issue_development_token
from shared.settings import DEVELOPMENT_SECRET


def token(*roles: str, sub: str = "test-user", team: str | None = None) -> str:
    return issue_development_token(secret=DEVELOPMENT_SECRET, subject=sub, roles=list(roles),
                                   team_id=team)


def bearer(*roles: str, **kwargs) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(*roles, **kwargs)}"}
