"""Feedback ingestion: MOMO, complaints, compliments and other feeds, checked, with nothing lost."""
