"""newsmon application layer: settings, feed ingest, digest rendering and the CLI."""
