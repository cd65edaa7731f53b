"""`newsmon_sectors`: mark sector terms of the taxonomy file in `doc.spans["sectors"]`.

Real pages use many sector words in other senses, so a term match is kept only when it reads
as a mention of the sector: not inside one of that sector's exclude phrases ("bargaining
chips"), not a verb ("Mexico ships about 11%"), not an everyday adjective ("crude jokes"),
not in the name of an office or a school ("Energy Minister"), not a name ("Laurence des
Cars", "the Jets") and not a section label of the page ("Business | Autos").
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from nlp.rules import DATA_DIR, SectorRules, sector_rules

SPAN_KEY = "sectors"
# Part-of-speech tags around a verb-form term that show it is the verb: its subject is a name or
# a clause boundary, and a quantity or an object follows ("Chile ships about 11% of its copper").
NOT_SUBJECT_TAGS = {"DET", "ADJ", "NUM", "ADP", "NOUN", "CCONJ"}
OBJECT_TAGS = {"NUM", "ADV", "DET", "PRON", "ADJ"}
QUANTITY_ENTS = {"QUANTITY", "MONEY", "PERCENT", "CARDINAL"}
# Words of a capitalised institution name between the term and the institution word
# ("Energy and Natural Resources Minister").
NAME_LINKS = {"and", "&", "of"}
MAX_NAME_WORDS = 5
# Each part of a section label line ("Business | Autos") has at most this many words.
MAX_LABEL_WORDS = 3


class SectorMatcher:
    def __init__(self, nlp: Language, *, data_dir: Path) -> None:
        self.rules: SectorRules = sector_rules(data_dir)
        self.terms = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.excludes = PhraseMatcher(nlp.vocab, attr="LOWER")
        for sector, terms in self.rules.terms.items():
            self.terms.add(sector, list(nlp.tokenizer.pipe(terms)))
        for sector, phrases in self.rules.exclude.items():
            if phrases:
                self.excludes.add(sector, list(nlp.tokenizer.pipe(phrases)))

    def __call__(self, doc: Doc) -> Doc:
        excluded = {(label, i) for label, start, end in self.excludes(doc) for i in range(start, end)}
        spans = [Span(doc, start, end, label=label) for label, start, end in self.terms(doc)
                 if not any((label, i) in excluded for i in range(start, end))]
        doc.spans[SPAN_KEY] = filter_spans([span for span in spans if self.is_mention(span)])
        return doc

    def is_mention(self, span: Span) -> bool:
        """False when the words of a term are used in another sense than the sector."""
        rules = self.rules
        return not (_is_verb(span, rules.verb_forms) or _is_other_adjective(span, rules.adjective_forms)
                    or _names_an_institution(span, rules.institution_words)
                    or _is_a_name(span, rules.name_particles, rules.name_forms)
                    or _in_section_label(span, rules.label_separators))


def _is_verb(span: Span, verb_forms: frozenset[str]) -> bool:
    """A noun-verb form tagged as a verb, or read as the verb of its clause. Other terms keep
    their tag unread: the small model tags nouns such as "chipmaking" as verbs."""
    token = span[0]
    if len(span) > 1 or token.lower_ not in verb_forms:
        return False
    if token.pos_ in {"VERB", "AUX"}:
        return True
    if token.i == 0 or token.i + 1 == len(token.doc):
        return False
    before, after = token.nbor(-1), token.nbor(1)
    return before.pos_ not in NOT_SUBJECT_TAGS and (after.pos_ in OBJECT_TAGS or after.ent_type_ in QUANTITY_ENTS)


def _is_other_adjective(span: Span, adjective_forms: frozenset[str]) -> bool:
    """A one-word term used as an adjective before a noun, in its everyday sense ("crude jokes")."""
    token = span[0]
    if len(span) > 1 or token.lower_ not in adjective_forms or token.i + 1 == len(token.doc):
        return False
    return token.pos_ == "ADJ" and token.nbor(1).pos_ in {"NOUN", "PROPN"}


def _names_an_institution(span: Span, institution_words: frozenset[str]) -> bool:
    """The term is in the name of an office or a school ("Agriculture Minister", "Department of
    Energy", "Aerospace Academy"), which names the institution, not the sector."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in institution_words:
        return True
    for token in doc[span.end:span.end + MAX_NAME_WORDS]:
        if token.lower_ in institution_words:
            return True
        if not (token.is_title or token.lower_ in NAME_LINKS) or token.is_sent_start:
            return False
    return False


def _is_a_name(span: Span, name_particles: frozenset[str], name_forms: frozenset[str]) -> bool:
    """A person's name, a capitalised term after a surname particle ("Laurence des Cars"), or a
    term that is often a name, capitalised inside a sentence of lower-case words ("the Jets")."""
    token = span[0]
    if token.ent_type_ == "PERSON" and not (token.is_sent_start and token.ent_iob_ == "B" and _ends_entity(token)):
        return True  # a one-word "person" opening a sentence is as often a noun the model misread
    if not token.is_title or token.i == 0:
        return False
    if token.nbor(-1).lower_ in name_particles:
        return True
    return len(span) == 1 and token.lower_ in name_forms and not token.is_sent_start and not _title_cased(span.sent)


def _ends_entity(token: Token) -> bool:
    return token.i + 1 == len(token.doc) or token.nbor(1).ent_iob_ != "I"


def _title_cased(sentence: Span) -> bool:
    """Most words capitalised, as in a headline ("Jets Deliveries Resume"), where case tells nothing."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.is_title for t in words) * 2 > len(words)


def _in_section_label(span: Span, separators: tuple[str, ...]) -> bool:
    """The term is in a line of a few short labels, the page's section navigation; a headline
    with its outlet ("Steel duties rise again | Daily Post") has a longer part and stays."""
    text = span.doc.text
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    line = text[start:end if end != -1 else len(text)]
    parts = [line]
    for sep in separators:
        parts = [piece for part in parts for piece in part.split(sep)]
    return len(parts) > 1 and all(len(part.split()) <= MAX_LABEL_WORDS for part in parts)


@Language.factory(
    "newsmon_sectors",
    default_config={"data_dir": str(DATA_DIR)},
    assigns=["doc.spans"],
)
def make_sector_matcher(nlp: Language, name: str, data_dir: str) -> SectorMatcher:
    return SectorMatcher(nlp, data_dir=Path(data_dir))
