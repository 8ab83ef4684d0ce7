"""Reporting: read models built only from events, and the reports people read."""
