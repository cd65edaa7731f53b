"""`newsmon_datelines`: wire datelines ("OTTAWA (Reuters) —") in `doc.spans["dateline"]`, each its own sentence.

A dateline only says where the reporter is and who sent the copy: its city (label `place`) and its
agency credit (label `credit`) are not actors of the story. A region or country after the city
("WINDSOR, Ontario") stays in the text as an ordinary mention. Runs before the parser, so the
dateline no longer parses as the first sentence's subject.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

SPAN_KEY = "dateline"
MAX_PLACE = 5  # tokens of the city: "ST. JOHN'S", "MEXICO CITY", "WASHINGTON/OTTAWA"
MAX_QUALIFIER = 6  # tokens after the city's comma: "South Korea", "March 3"
MAX_CREDIT = 6  # tokens inside the credit's parentheses
_POSSESSIVE = {"'S", "’S"}


def _is_dash(tok: Token) -> bool:
    return bool(tok.text) and set(tok.text) <= {"-", "—", "–"}


def _place_end(doc: Doc, start: int) -> tuple[int, bool]:
    """End of the city and whether it is written in capitals ("NEW DELHI"), else in title case ("Washington")."""
    end = start
    while end < len(doc) and end - start < MAX_PLACE and (
            doc[end].is_upper or doc[end].text in _POSSESSIVE or (doc[end].text in {".", "/"} and end > start)):
        end += 1
    if any(t.is_alpha and len(t) > 1 for t in doc[start:end]):
        return end, True
    end = start
    while end < len(doc) and end - start < MAX_PLACE and doc[end].is_title:
        end += 1
    return end, False


def find_dateline(doc: Doc, start: int) -> tuple[Span, Span | None, int] | None:
    """(place, credit, index of the dash) for a dateline opening a paragraph at `start`, else None."""
    end, upper = _place_end(doc, start)
    if end == start:
        return None
    i = end
    if i < len(doc) and doc[i].text == ",":
        i += 1
        stop = i
        while stop < len(doc) and stop - i < MAX_QUALIFIER and (
                doc[stop].is_title or doc[stop].is_upper or doc[stop].like_num or doc[stop].text in {".", ","}):
            stop += 1
        if stop == i:
            return None
        i = stop
    credit = None
    if i < len(doc) and doc[i].text == "(":
        close = next((j for j in range(i + 1, min(len(doc), i + MAX_CREDIT + 2)) if doc[j].text == ")"), None)
        if close is None or close == i + 1:
            return None
        credit = Span(doc, i + 1, close, label="credit")
        i = close + 1
    if i >= len(doc) or not _is_dash(doc[i]) or not doc[i - 1].whitespace_ or not (upper or credit is not None):
        return None  # "EU-US talks" is no dateline: a dateline's dash stands apart
    return Span(doc, start, end, label="place"), credit, i


@Language.component("newsmon_datelines", assigns=["doc.spans", "token.is_sent_start"])
def mark_datelines(doc: Doc) -> Doc:
    """A paragraph may open with a dateline: one sentence up to its dash, and the text after it starts the next."""
    spans: list[Span] = []
    for tok in doc:
        opens = tok.i == 0 or (doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text)
        found = find_dateline(doc, tok.i) if opens and not tok.is_space else None
        if found is None:
            continue
        place, credit, dash = found
        spans += [place] if credit is None else [place, credit]
        for inner in doc[place.start + 1:dash + 1]:
            inner.is_sent_start = False
        if dash + 1 < len(doc):
            doc[dash + 1].is_sent_start = True
    doc.spans[SPAN_KEY] = spans
    return doc
