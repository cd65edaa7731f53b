"""`newsmon_gazetteer`: places and known actors the small model's NER missed, in `doc.spans["gazetteer"]`.

"The Ontario government" at the start of a sentence is often left untagged; the names in
`nlp/data/places.toml` and `actors.toml` are matched exactly (case-sensitive) as a backstop, each
also without its accents ("Francois-Philippe Champagne"), and wire abbreviations ("Ont.") too.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.names import fold
from nlp.rules import DATA_DIR, actor_aliases, places

SPAN_KEY = "gazetteer"
_KIND_LABEL = {"person": "PERSON", "organization": "ORG", "country": "GPE", "region": "GPE", "group": "NORP"}


class Gazetteer:
    def __init__(self, nlp: Language, *, data_dir: Path) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        table = places(data_dir)
        by_label: dict[str, set[str]] = {"GPE": set(), "NORP": set(table.demonyms), "ORG": set(),
                                         "PERSON": set()}
        by_label["GPE"] |= set(table.capitals) | set(table.countries) | set(table.regions) | set(table.abbreviations)
        for form, alias in actor_aliases(data_dir).items():
            by_label[_KIND_LABEL[alias.kind]].add(form)
        for label, forms in by_label.items():
            self.matcher.add(label, list(nlp.tokenizer.pipe(sorted(forms | {fold(f) for f in forms}))))

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, start, end, label=match_id) for match_id, start, end in self.matcher(doc)]
        doc.spans[SPAN_KEY] = filter_spans(spans)
        return doc


@Language.factory("newsmon_gazetteer", default_config={"data_dir": str(DATA_DIR)}, assigns=["doc.spans"])
def make_gazetteer(nlp: Language, name: str, data_dir: str) -> Gazetteer:
    return Gazetteer(nlp, data_dir=Path(data_dir))
