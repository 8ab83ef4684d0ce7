"""Learning: the Review stage's meetings (QA Forum, performance clinics, ...), what they
decided, and the monthly findings the audit groups sign off."""
