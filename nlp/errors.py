"""Typed NLP errors whose messages say how to fix the problem."""


class NlpError(Exception):
    """Base class for every error raised by `nlp`."""


class RuleDataError(NlpError):
    """A rule file under nlp/data/ is missing, unreadable or has a bad key."""


class ModelNotFoundError(NlpError):
    """The spaCy model package or the topic classifier is not installed or trained."""


class ModelIntegrityError(NlpError):
    """The topic model file does not match the sha256 its card records (damaged, truncated or replaced)."""
