"""`newsmon_paragraphs`: a line break starts a sentence, so a title never runs into the text."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsmon_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """Runs before the parser, which keeps boundaries that are already set."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc
