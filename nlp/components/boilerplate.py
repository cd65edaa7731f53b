"""`newsmon_boilerplate`: page furniture in `doc.spans["boilerplate"]`.

Published pages carry credits ("(AP Photo/Evan Vucci)", "REUTERS/Carlos Barria"), bylines, "Related:"
link lines, live-blog timestamps, section labels and tickers ("(NYSE: F)"). They name people and
organisations that take no part in the story, so entities inside them are not actors. The patterns
and word lists are in `nlp/data/boilerplate.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from nlp.rules import DATA_DIR, BoilerplateRules, boilerplate_rules

SPAN_KEY = "boilerplate"
MAX_CREDIT_WORDS = 10
MAX_LABEL_WORDS = 2  # "Timothy A. Clary | AFP via Getty Images"
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\s|/,]+|[|/,]")


def is_label(line: str) -> bool:
    """"Autos", "World News": a line of one or two capitalised words, without a verb's sentence."""
    words = line.split()
    return 0 < len(words) <= MAX_LABEL_WORDS and all(w[:1].isupper() and w.isalpha() for w in words)


def is_credit_line(line: str, rules: BoilerplateRules) -> bool:
    """A short line of capitalised names and separators naming an agency ("Sam Li | Bloomberg")."""
    words = _WORD.findall(line)
    if not words or len(words) > MAX_CREDIT_WORDS:
        return False
    if not all(w in rules.credit_joiners or w[:1].isupper() for w in words):
        return False
    return rules.credit_names.search(line) is not None


def furniture(text: str, rules: BoilerplateRules) -> Iterator[tuple[int, int, str]]:
    """(start, end, label) character ranges of credits, link lines, timestamps, tickers and labels."""
    for line in _LINE.finditer(text):
        body = line[0].strip()
        start = line.start() + line[0].index(body[0]) if body else line.start()
        if rules.lines.fullmatch(body):
            yield start, start + len(body), "line"
        elif body in rules.sections or is_label(body):
            yield start, start + len(body), "section"
        elif is_credit_line(body, rules):
            yield start, start + len(body), "credit"
    for found in rules.inline.finditer(text):
        yield found.start(), found.end(), "inline"
    for found in rules.ticker.finditer(text):
        yield found.start(), found.end(), "ticker"


class Boilerplate:
    def __init__(self, *, data_dir: Path) -> None:
        self.rules = boilerplate_rules(data_dir)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for start, end, label in furniture(doc.text, self.rules):
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: s.start)
        return doc


@Language.factory("newsmon_boilerplate", default_config={"data_dir": str(DATA_DIR)}, assigns=["doc.spans"])
def make_boilerplate(nlp: Language, name: str, data_dir: str) -> Boilerplate:
    return Boilerplate(data_dir=Path(data_dir))
