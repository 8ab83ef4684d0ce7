"""Action tracking: every action and deadline, and the alerts when they are due or late."""
