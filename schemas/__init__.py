"""Event contracts shared by every service: pydantic models, topics, generated JSON Schema and AsyncAPI."""
