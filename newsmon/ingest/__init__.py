"""Feed ingest: fetch, parse, identify and store every item exactly once."""
