"""Name keys that make two spellings of one actor one actor: accents and ministries named two ways.

"Mélanie Joly" and "Melanie Joly", "Québec" and "Quebec" differ only by accents; "China's Commerce
Ministry", "the Chinese Ministry of Commerce" and "Ministry of Commerce" differ by the country in
front and the word order. Both extraction and evaluation fold names through here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_OF = ("of the ", "for the ", "of ", "for ")


def fold(text: str) -> str:
    """The text without accents, case kept: "Québec" -> "Quebec", "Šefčovič" -> "Sefcovic"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def name_key(text: str) -> str:
    """Accent- and case-insensitive key of a name."""
    return fold(text).casefold()


def accented_first(names: Iterable[str]) -> str:
    """Of spellings that fold alike, the one with its accents ("Mélanie Joly" over "Melanie Joly")."""
    return max(names, key=lambda n: (sum(not c.isascii() for c in n), n))


def department_key(name: str, *, words: Iterable[str], is_place: Callable[[str], bool]) -> str | None:
    """"ministry:commerce" for "China's Commerce Ministry", "Ministry of Commerce (MOFCOM)" and
    "Ministry of Commerce of the People's Republic of China"; None when the name is no department.
    `is_place` says whether words name a country or a nationality (they are dropped)."""
    tokens = re.sub(r"\s*\(.*$", "", name).split()
    for n in range(min(4, len(tokens) - 1), 0, -1):  # "China's", "the Chinese", "U.S."
        lead = POSSESSIVE.sub("", " ".join(tokens[:n]))
        if is_place(lead.removeprefix("the ")):
            tokens = tokens[n:]
            break
    text = " ".join(tokens).removeprefix("the ")
    for word in words:
        if text.startswith(f"{word} "):
            topic = text[len(word) + 1:]
            if not topic.startswith(_OF):
                return None
            topic = topic.removeprefix(next(p for p in _OF if topic.startswith(p)))
            for connector in (" of the ", " of "):  # "... of the People's Republic of China"
                head, _, tail = topic.partition(connector)
                if tail and is_place(tail):
                    topic = head
            return f"{word.lower()}:{name_key(topic)}"
        if text.endswith(f" {word}") and len(text) > len(word) + 1:
            return f"{word.lower()}:{name_key(text[:-len(word) - 1])}"
    return None
