"""Word -> lemma functions backed by what ships as a package (used by the nlp stage and the lexicon loader).

- ``lookup``: spaCy's lookup tables (spacy-lookups-data), for Italian and English;
- ``pymorphy3``: pymorphy3's dictionaries, for Russian;
- ``simplemma``: simplemma's dictionaries, for Polish.

Each worker process holds every table it uses, so they are kept compact: the
Italian lookup table is 333,000 forms, about 100 MB as the dict spaCy builds,
and 6 MB as sorted 64-bit hashes with an index into its 27,000 distinct lemmas;
simplemma's Polish dictionary is about 370 MB decoded into a dict and 45 MB read
from its compressed stream. Lookups in both are slower than a dict hit, which
the per-word cache in nlp.py absorbs.
"""

from __future__ import annotations

import gzip
from functools import cache, lru_cache
import json
from typing import Callable

import numpy as np


def lookup(lang: str) -> Callable[[str], str]:
    """spaCy's ``lemma_lookup`` table for ``lang``; a word not in it is its own lemma."""
    table = CompactTable(_read_lookup_json(lang))
    return lambda word: table.get(word, word)


def pymorphy(lang: str) -> Callable[[str], str]:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang=lang)
    return lambda word: morph.parse(word)[0].normal_form


def simplemma(lang: str) -> Callable[[str], str]:
    import simplemma
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamDictionaryFactory

    # The same lemmas as simplemma.lemmatize(word, lang) (tested), without decoding
    # the whole dictionary into a dict of bytes.
    lemmatizer = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=StreamDictionaryFactory()))
    return lambda word: lemmatizer.lemmatize(word, lang=lang).lower()


BACKENDS: dict[str, Callable[[str], Callable[[str], str]]] = {"lookup": lookup, "pymorphy3": pymorphy, "simplemma": simplemma}


class CompactTable:
    """A read-only str -> str mapping held in a few numpy arrays and two strings instead of 300,000 Python objects.

    Entries are sorted by Python's 64-bit string hash (salted per process, which
    is fine: a table is built and read in the same process). A lookup bisects
    to the hash and compares the stored key itself, so the mapping is exact even
    where two keys share a hash.
    """

    def __init__(self, mapping: dict[str, str]) -> None:
        keys = sorted(mapping, key=hash)
        values = sorted(set(mapping.values()))
        position = {v: i for i, v in enumerate(values)}
        self.hashes = np.fromiter((hash(k) for k in keys), dtype=np.int64, count=len(keys))
        self.indexes = np.fromiter((position[mapping[k]] for k in keys), dtype=np.int32, count=len(keys))
        # Keys and values live in one string each, not as objects: objects that outlived
        # the parsed JSON would pin its memory pages (measured: 60 MB kept per process).
        self.keys, self.key_ends = _joined(keys)
        self.values, self.value_ends = _joined(values)

    def get(self, key: str, default: str | None = None) -> str | None:
        h = hash(key)
        at = int(np.searchsorted(self.hashes, h))
        while at < len(self.hashes) and self.hashes[at] == h:
            if _slice(self.keys, self.key_ends, at) == key:
                return _slice(self.values, self.value_ends, int(self.indexes[at]))
            at += 1
        return default

    def __len__(self) -> int:
        return len(self.hashes)


def _joined(strings: list[str]) -> tuple[str, np.ndarray]:
    return "".join(strings), np.cumsum([len(x) for x in strings], dtype=np.int64)


def _slice(text: str, ends: np.ndarray, i: int) -> str:
    return text[int(ends[i - 1]) if i else 0 : int(ends[i])]


def _read_lookup_json(lang: str) -> dict[str, str]:
    """The ``lemma_lookup`` table spacy-lookups-data ships for ``lang``, read as spaCy's load_lookups reads it."""
    from pathlib import Path

    import spacy_lookups_data

    tables = getattr(spacy_lookups_data, lang, None)
    if not isinstance(tables, dict) or "lemma_lookup" not in tables:
        raise ValueError(f"spacy-lookups-data has no lemma_lookup table for {lang!r}: pick another lemmatizer")
    path = Path(str(tables["lemma_lookup"]))
    if path.exists():
        return json.loads(path.read_bytes())
    with gzip.open(path.with_name(path.name + ".gz")) as handle:  # the package ships them compressed
        return json.loads(handle.read())


DEFAULT_LEMMATIZERS = {"it": "lookup", "en": "lookup", "ru": "pymorphy3", "pl": "simplemma"}


@cache
def lemmatizer(lang: str, backend: str) -> Callable[[str], str]:
    """A cached word -> lemma function for ``lang`` using ``backend``."""
    # nlp.py keeps each word's lemma itself: this cache serves the lexicon loader and elongated forms.
    return lru_cache(maxsize=20_000)(BACKENDS[backend](lang))


# -- spaCy pipelines ------------------------------------------------------------


_PIPELINES: dict[str, object] = {}


def pipeline_for(lang: str):  # noqa: ANN201 - a spaCy Language
    """spacy.blank(lang) + sentencizer, built once per process (nlp.py lemmatises each word once, on first sight)."""
    nlp = _PIPELINES.get(lang)
    if nlp is None:
        import spacy

        nlp = _PIPELINES[lang] = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
    return nlp


def forget_pipeline(lang: str) -> None:
    """The next pipeline_for(lang) builds a fresh one (empty vocabulary); other languages' are kept."""
    _PIPELINES.pop(lang, None)
