"""Bearer tokens and roles: OIDC JWTs in production, signed development tokens locally."""

from .dependencies import allow, configure_auth
from .roles import EVERYONE, Principal, Role
from .tokens import TokenVerifier, issue_development_token

__all__ = ["EVERYONE", "Principal", "Role", "TokenVerifier", "allow", "configure_auth", "issue_development_token"]
