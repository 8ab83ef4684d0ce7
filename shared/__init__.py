"""Library code every service shares: envelope, settings, broker, store, auth, logs, metrics."""
