"""Sign-in: password hashes (kept here only), attempt limits, session tokens."""
