"""Load the rule files of `nlp/data/` (sectors, actor aliases, places) and fingerprint them."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from nlp.errors import RuleDataError
from nlp.records import ACTOR_KINDS

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorAlias:
    name: str
    kind: str
    country: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Places:
    capitals: dict[str, str]
    demonyms: dict[str, str]
    countries: dict[str, str]
    regions: dict[str, str]
    names: dict[str, str]


def _load(name: str, data_dir: Path) -> dict[str, Any]:
    path = data_dir / name
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as e:
        raise RuleDataError(f"{path}: rule file is missing") from e
    except tomllib.TOMLDecodeError as e:
        raise RuleDataError(f"{path}: not valid TOML: {e}") from e


@cache
def sector_terms(data_dir: Path = DATA_DIR) -> dict[str, list[str]]:
    """sector -> lowercase terms; every sector needs a non-empty `terms` list."""
    raw = _load("sectors.toml", data_dir)
    out = {}
    for sector, table in raw.items():
        terms = table.get("terms") if isinstance(table, dict) else None
        if not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            raise RuleDataError(f"{data_dir / 'sectors.toml'}: [{sector}] needs a non-empty list `terms`")
        out[sector] = sorted({t.strip().lower() for t in terms})
    return out


@cache
def actor_aliases(data_dir: Path = DATA_DIR) -> dict[str, ActorAlias]:
    """Surface form (as written) -> canonical actor, for the name and every alias."""
    path = data_dir / "actors.toml"
    out: dict[str, ActorAlias] = {}
    for i, entry in enumerate(_load("actors.toml", data_dir).get("actor", [])):
        name, kind = entry.get("name"), entry.get("kind")
        if not name or kind not in ACTOR_KINDS:
            raise RuleDataError(f"{path}: actor #{i + 1} needs `name` and a `kind` in {ACTOR_KINDS}")
        alias = ActorAlias(name=name, kind=kind, country=entry.get("country"), role=entry.get("role"))
        for form in [name, *entry.get("aliases", [])]:
            out[form] = alias
    return out


@cache
def places(data_dir: Path = DATA_DIR) -> Places:
    raw = _load("places.toml", data_dir)
    missing = [k for k in ("capitals", "demonyms", "countries", "regions", "names") if k not in raw]
    if missing:
        raise RuleDataError(f"{data_dir / 'places.toml'}: missing tables {missing}")
    return Places(capitals=raw["capitals"], demonyms=raw["demonyms"], countries=raw["countries"],
                  regions=raw["regions"], names=raw["names"])


def rules_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """sha256 over the rule files and the extraction code, so a rule change forces re-analysis."""
    digest = hashlib.sha256()
    code_dir = Path(__file__).parent
    for path in sorted([*data_dir.glob("*.toml"), *code_dir.glob("*.py"), *code_dir.glob("components/*.py")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@cache
def topic_keywords(data_dir: Path = DATA_DIR) -> dict[str, list[str]]:
    """Stems of the keyword baseline, lower-cased."""
    return {topic: [stem.lower() for stem in stems] for topic, stems in _load("topic_keywords.toml", data_dir).items()}
