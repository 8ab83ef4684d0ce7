"""Audit capture: standards, programme, audits, moderation, observations, directory."""
