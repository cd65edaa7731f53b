"""Feed ingest: fetch, parse, identify and store every item exactly once."""

import logging

# `newsmon ingest` and `newsmon run` print each failing feed themselves; without a handler configured
# (outside Prefect) Python's last-resort handler would print every failure a second time on stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())
