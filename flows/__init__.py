"""Prefect flows: orchestration only (retries, batching, artifacts); the work is in nlp/, storage/, newsmon/."""
