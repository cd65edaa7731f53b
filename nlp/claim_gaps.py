"""Parties a sentence leaves out: the country it names before the tariff when the parse lost the imposer, else
the previous claim's parties or the story's usual imposer and main countries."""

from __future__ import annotations

from spacy.tokens import Span

from nlp.claim_triggers import base
from nlp.rules import ClaimRules

# prepositions whose phrases name targets or partners, not imposers
_TARGET_PREPS = frozenset({"on", "against", "from", "to", "into", "for", "with"})


def sentence_government(sent: Span, governments: dict[int, str], rules: ClaimRules, *, before: int,
                        exclude: str) -> str | None:
    """The first country named before the tariff word (token `before`) outside goods and phrases of targets
    and partners ("on Canada", "from China", "a deal with Mexico", "Canadian canola"): the imposer of a measure
    whose parse lost it ("Trump agreed to delay by 30 days his tariffs on Canada", "the order Trump signed puts
    a tariff on Brazilian goods"). A province or state is an imposer only as the subject of its measure, and one
    that bears a rate ("Switzerland was assigned 39%", "Japan faces 24%") never is."""
    phrases = {t.i for p in sent if p.dep_ == "prep" and p.lower_ in _TARGET_PREPS for t in p.subtree}
    phrases |= {t.i for v in sent if base(v.text, rules) in rules.target_subject_verbs | rules.continuing_verbs
                for c in v.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
    phrases |= {t.i for c in sent if c.dep_ == "nsubjpass" for t in c.subtree}
    goods = {i for span in sent.doc.spans.get("sectors", []) for i in range(span.start, span.end)}
    for tok in sent.doc[sent.start:before]:
        code = governments.get(tok.i)
        if code and "-" not in code and code != exclude and tok.i not in phrases | goods and (
                tok.dep_ not in {"amod", "compound"} or tok.head.i in governments):
            return code
    return None


def fill(imposer: str | None, target: str | None, last: tuple[str | None, str | None],
         top: list[str]) -> tuple[str | None, str | None]:
    """Parties the sentence leaves out: the previous claim's when it names neither; for a known
    target, the imposer from that claim or the article's other main country. A known imposer
    keeps an open target: a global tariff has none."""
    if imposer is None and target is None and last != (None, None):
        return last
    if imposer is None and target is not None:
        if last[1] == target and last[0]:
            return last[0], target
        return next((c for c in top if c != target), None), target
    return imposer, target
