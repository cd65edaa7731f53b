"""Rate lists with no tariff word: the items of a list introduced by a tariff sentence ("the new rates:" then
"- Canada: 35%", "• Softwood lumber: 10%, rising to 30% on Jan. 1"), each a measure of the story's imposer."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from nlp.claim_triggers import is_tariff_word
from nlp.places import resolve_place
from nlp.records import TariffClaim
from nlp.rules import ClaimRules

_MARK = r"[-•*·–—]"
_ITEM = re.compile(rf"^(?:{_MARK}\s*)?(?P<label>[^:\n]{{1,80}}):\s*(?P<rate>\d+(?:\.\d+)?)\s?(?:%|per ?cent|percent)"
                   r"(?P<rest>[^\n]*)$")
_LATER = r"(?P<later>\d+(?:\.\d+)?)\s?(?:%|per ?cent|percent)"


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a rate list: the sentence, the tokens before the colon and the rates."""

    sent: Span
    label: Span
    rate: float
    later: float | None  # "25%, rising to 30% on Jan. 1": the rate announced next


def is_list_mark(sent: Span) -> bool:
    """A sentence that is only a list mark ("•"): the parse splits some items from their mark."""
    return re.fullmatch(_MARK, sent.text.strip()) is not None


def list_item(sent: Span, before: list[Span], listing: bool, rules: ClaimRules) -> ListItem | None:
    """`sent` as an item of a rate list: "LABEL: N%" after another item (`listing`), or after the sentence that
    opens the list (the last of `before` that is not a lone list mark), which names a tariff or its rates ("The
    rates:", "announced tariffs on three partners:")."""
    text = sent.text.strip()
    found = _ITEM.match(text)
    if found is None:
        return None
    opener = _opener(before)
    if not listing and (opener is None or not any(_names_measures(t, rules) for t in opener)):
        return None
    offset = len(sent.text) - len(sent.text.lstrip())
    label = sent.char_span(offset + found.start("label"), offset + found.end("label"), alignment_mode="expand")
    later = re.search(rf"\b(?:{'|'.join(rules.rising_words)})\s+to\s+{_LATER}", found.group("rest").lower())
    return ListItem(sent=sent, label=label if label is not None else sent[:0], rate=float(found.group("rate")),
                    later=float(later.group("later")) if later else None)


def _opener(before: list[Span]) -> Span | None:
    return next((s for s in reversed(before[-2:]) if not is_list_mark(s)), None)


def _names_measures(tok: Token, rules: ClaimRules) -> bool:
    """"The rates:", "announced tariffs on three partners:", "where the U.S. measures on Canada stand:"."""
    return is_tariff_word(tok, rules) or tok.lower_ in rules.rate_nouns or tok.lower_ in rules.measure_nouns


def opener_parties(before: list[Span], by_token: dict[int, str],
                   rules: ClaimRules) -> tuple[str | None, str | None]:
    """The parties the sentence opening a list gives its measures ("where the main U.S. measures on Canada stand:"):
    the country on the measure word, and the one after its "on"."""
    opener = _opener(before)
    for tok in opener if opener is not None else []:
        if not _names_measures(tok, rules):
            continue
        imposer = next((by_token[c.i] for c in tok.lefts if c.i in by_token), None)
        target = next((by_token[o.i] for p in tok.rights if p.dep_ == "prep" and p.lower_ in {"on", "against"}
                       for o in p.children if o.dep_ == "pobj" and o.i in by_token), None)
        if imposer is not None:
            return imposer, target if target != imposer else None
    return None, None


def item_claims(item: ListItem, lead: TariffClaim | None, imposer: str | None, target: str | None, *,
                index: int, by_token: dict[int, str], sectors: tuple[str, ...],
                ahead: bool = False, standing: bool = False) -> list[TariffClaim]:
    """The item's measure: the country its label names, else the list's `target`, by `imposer`, with the action of
    the sentence that opened the list (`lead`, "announced tariffs on three partners:"), else announced when the list
    was opened in the future (`ahead`), else imposed; a later rate ("rising to 30% on Jan. 1") is announced."""
    place = resolve_place(item.label.text.strip())  # "Chile: 25%": a lone name the actor pass may not keep
    code = next((by_token[t.i] for t in item.label if t.i in by_token), None) or (
        place[1] if place is not None and place[0] == "country" else None)
    target = code or target
    if imposer is None or imposer == target:
        return []
    action = lead.action if lead is not None and lead.action in {"imposed", "announced", "threatened"} else (
        "announced" if ahead else "imposed")
    claim = TariffClaim(imposer=imposer, target=target, action=action, sentence=index,
                        evidence=item.sent.text.strip(), sectors=sectors, rate=item.rate, background=standing)
    return [claim] + ([replace(claim, action="announced", rate=item.later, previous_rate=item.rate)]
                      if item.later is not None else [])
