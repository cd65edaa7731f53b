"""spaCy components of newsmon, one per module, registered on import."""
