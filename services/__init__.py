"""The platform's services; each owns its collections and shares only shared/ and schemas/."""
