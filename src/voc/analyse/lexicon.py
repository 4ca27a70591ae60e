"""Per-language lexicons, loaded lazily once per process, with user overlays.

Files and their formats are described in lexicons/README.md. Every term is
put through the same tokenizer, lemmatizer and folding as the text, so a
lexicon author may write "delayed" or "delay", "zle" or "źle" and get the
same match. Matching is by token keys (see text.py): a term element matches a
token when one of its keys equals one of the token's keys, or, for a prefix
pattern ("obsług*"), when a token key starts with it.

``--lexicons DIR`` overlays ``DIR/<lang>/*`` and ``DIR/taxonomy.tsv`` on the
shipped files: terms are added, a repeated term takes the overlay's value. A
malformed line stops the run with the file and line number.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Iterator, Sequence

from voc.analyse.text import Token, fold, fold_text
from voc.core import columns as C
from voc.core.errors import UsageError
from voc.core.resources import lexicon_path

SIDES = ("service", "experience")
# The values each signal lexicon may give (voc.signals); a line with another value stops the run.
SIGNAL_VALUES = {
    # "other" is what no cue says; "imperative" a request only where it opens a clause ("Cancel my order.").
    "intent": (*(v for v in C.INTENTS if v != "other"), "imperative"),
    "emotion": C.EMOTIONS,  # "none": politeness formulas that express nothing ("thanks in advance")
    "churn": ("leave", "return", "end", "relationship", "switch", "rival", "firm", "custom", "averted"),
    "effort": ("effort", "contact", "repeat"),
}


class LexiconError(UsageError):
    """A lexicon or overlay file with a line voc cannot read."""


@dataclass(frozen=True, slots=True)
class Element:
    keys: frozenset[str]  # exact keys; empty for a prefix element
    prefix: str = ""

    def matches(self, token: Token) -> bool:
        if self.prefix:
            return any(k.startswith(self.prefix) for k in token.keys)
        return not self.keys.isdisjoint(token.keys)


@dataclass(slots=True)
class Pattern:
    elements: tuple[Element, ...]
    value: Any
    term: str  # as written, for evidence

    def shown(self, tokens: Sequence[Token], start: int) -> str:
        """The term for evidence: as written in the lexicon, or, where it lists alternatives ("another|other
        bank|provider"), the words it matched there ("another bank"): a line of forty alternatives explains nothing."""
        if "|" not in self.term:
            return self.term
        return " ".join(t.text.lower() for t in tokens[start : start + len(self.elements)])


@dataclass(slots=True)
class _Node:
    """One step of a trie of patterns: the elements that may come next, and the patterns that end here.

    Containers stay None until used: most nodes are leaves, and a lexicon holds a
    few hundred thousand nodes per process (four empty dicts each cost 110 MB).
    """

    by_element: dict[Element, "_Node"] | None = None
    # Indexes of by_element's children (so equality leaves them out): exact key -> the children whose element has
    # it; a prefix's first 3 letters -> (prefix, child).
    by_key: dict[str, list["_Node"]] | None = field(default=None, compare=False)
    by_prefix: dict[str, list[tuple[str, "_Node"]]] | None = field(default=None, compare=False)
    ends: tuple[tuple[int, Pattern], ...] = ()  # (order added, pattern)

    def child(self, element: Element) -> "_Node":
        if self.by_element is None:
            self.by_element = {}
        node = self.by_element.get(element)
        if node is None:
            node = self.by_element[element] = _Node()
            if element.prefix:
                if self.by_prefix is None:
                    self.by_prefix = {}
                self.by_prefix.setdefault(element.prefix[:3], []).append((element.prefix, node))
            if element.keys and self.by_key is None:
                self.by_key = {}
            for key in element.keys:
                self.by_key.setdefault(key, []).append(node)  # type: ignore[union-attr]
        return node

    def step(self, keys: Sequence[str]) -> Iterator[tuple[int, bool, "_Node"]]:
        """The children a token with ``keys`` leads to: (index of the first key that matched, by prefix, child)."""
        for j, key in enumerate(keys):
            if self.by_key:
                for node in self.by_key.get(key, ()):
                    yield j, False, node
            if self.by_prefix:
                for prefix, node in self.by_prefix.get(key[:3], ()):
                    if any(k.startswith(prefix) for k in keys):
                        yield j, True, node


@dataclass
class PatternSet:
    """Terms of one or more words, found in token sequences.

    The terms form a trie of elements, so finding every term at a position costs
    a few dict lookups per word of the longest match, however many terms share
    a first word. (A flat list per first word cost a check of each candidate:
    thousands for "switch", "the" or "will" once the signal lexicons grew.)
    """

    root: _Node = field(default_factory=_Node)
    size: int = 0
    # The first step per (keys, form), since feedback repeats its words: almost every lookup after the first few
    # thousand comments is one dict hit.
    _first: dict[tuple, tuple[tuple[int, bool, _Node], ...]] = field(default_factory=dict, repr=False, compare=False)

    def add(self, pattern: Pattern) -> None:
        node = self.root
        for element in pattern.elements:
            node = node.child(element)
        node.ends += ((self.size, pattern),)
        self.size += 1
        self._first.clear()

    def at(self, tokens: Sequence[Token], i: int) -> list[Pattern]:
        """Patterns matching at position ``i``: longest first; among equals, a match on the written form first,
        then by the token key that matched (lemma before form) and the order the terms were added."""
        token = tokens[i]
        first = self._first.get((token.keys, token.form))
        if first is None:
            first = self._step_first(token)
        if not first:
            return []
        found: dict[int, tuple[tuple, Pattern]] = {}
        last = len(tokens) - 1
        for j, by_prefix, node in first:
            frontier, k = [node], i
            while True:
                for n in frontier:
                    for order, p in n.ends:
                        rank = (-len(p.elements), token.form not in p.elements[0].keys, j, by_prefix, order)
                        if order not in found or rank < found[order][0]:
                            found[order] = (rank, p)
                if k == last:
                    break
                k += 1
                frontier = _next(frontier, tokens[k].keys)
                if not frontier:
                    break
        if len(found) == 1:
            return [p for _, p in found.values()]
        return [p for _, p in sorted(found.values(), key=lambda rp: rp[0])]

    def _step_first(self, token: Token) -> tuple[tuple[int, bool, _Node], ...]:
        first = tuple(self.root.step(token.keys))
        if len(self._first) >= _FIRST_CACHE:
            self._first.clear()  # a vocabulary this large is past its frequent words anyway
        self._first[(token.keys, token.form)] = first
        return first

    def patterns(self) -> Iterator[Pattern]:
        """Every pattern, in the order added."""
        nodes, ends = [self.root], []
        while nodes:
            node = nodes.pop()
            ends += node.ends
            nodes += (node.by_element or {}).values()
        return (p for _, p in sorted(ends, key=lambda op: op[0]))

    def find(self, tokens: Sequence[Token]) -> Iterator[tuple[int, Pattern]]:
        for i in range(len(tokens)):
            for p in self.at(tokens, i):
                yield i, p


# First steps kept per pattern set (about 20 sets a process: a few per language). 10,000 ran as fast as 50,000
# on 80,000 real-length comments and held 40-75 MB less in one process.
_FIRST_CACHE = 10_000


def _next(frontier: list[_Node], keys: Sequence[str]) -> list[_Node]:
    """The nodes a token with ``keys`` leads to from any of ``frontier`` (_Node.step, inlined: the hot loop)."""
    out: list[_Node] = []
    for node in frontier:
        if node.by_key:
            for key in keys:
                children = node.by_key.get(key)
                if children:
                    out += children
        if node.by_prefix:
            for key in keys:
                for prefix, child in node.by_prefix.get(key[:3], ()):
                    if any(k.startswith(prefix) for k in keys):
                        out.append(child)
    return list({id(c): c for c in out}.values()) if len(out) > 1 else out


@dataclass
class Lexicon:
    lang: str
    valence: PatternSet = field(default_factory=PatternSet)  # single words and phrases alike
    negators: PatternSet = field(default_factory=PatternSet)
    expected: PatternSet = field(default_factory=PatternSet)  # service actions; negative only when negated
    intensifiers: PatternSet = field(default_factory=PatternSet)
    contrast: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # first word -> word sequences
    topics: PatternSet = field(default_factory=PatternSet)
    cues: PatternSet = field(default_factory=PatternSet)
    concepts: PatternSet = field(default_factory=PatternSet)  # cross-lingual concept ids, for topic discovery
    empty_answers: set[str] = field(default_factory=set)
    # Signal cues (voc.signals) of every signal in one set, so a word is looked up once for all four:
    # pattern value = (the signal, the file's first field, one of SIGNAL_VALUES[signal]).
    signals: PatternSet = field(default_factory=PatternSet)
    emoji: dict[str, float] = field(default_factory=dict)

    def contrast_at(self, forms: Sequence[str], i: int) -> int:
        """Length of the contrast word or phrase starting at ``forms[i]`` (0 if none); ``forms`` are folded lower-case words."""
        for seq in self.contrast.get(forms[i], ()):
            if i + len(seq) <= len(forms) and all(forms[i + k] == w for k, w in enumerate(seq)):
                return len(seq)
        return 0


@dataclass(frozen=True)
class Topic:
    id: str
    scope: str
    labels: dict[str, str]


@cache
def load_taxonomy(overlay: str | None = None) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    for path in _with_overlay("taxonomy.tsv", overlay):
        header: list[str] | None = None
        for number, fields in _rows(path):
            if header is None:
                header = fields
                if header[:2] != ["id", "scope"]:
                    raise LexiconError(f"line {number}: the header must start with id<TAB>scope", path=path)
                continue
            if len(fields) != len(header):
                raise LexiconError(f"line {number}: {len(fields)} fields, the header has {len(header)}", path=path)
            row = dict(zip(header, fields))
            if row["scope"] not in SIDES:
                raise LexiconError(f"line {number}: scope must be service or experience, got {row['scope']!r}", path=path)
            labels = {k.removeprefix("label_"): v for k, v in row.items() if k.startswith("label_")}
            topics[row["id"]] = Topic(row["id"], row["scope"], labels)
    return topics


@cache
def load_lexicon(lang: str, overlay: str | None = None) -> Lexicon:
    """The lexicon of ``lang``, with ``overlay`` (a folder) on top; from voc's start-up cache when it has
    been built before from the same files with the same lemmatisers (see voc.core.cache)."""
    from voc.core.cache import cached, key_of

    folders = [lexicon_path(lang), lexicon_path()] + ([Path(overlay) / lang, Path(overlay)] if overlay else [])
    files = [f for folder in folders if folder.is_dir() for f in folder.iterdir() if f.is_file()]
    files.append(Path(__file__))  # the code that builds it: a changed Lexicon must not come back from an old pickle
    packages = ("voc", "spacy", "spacy-lookups-data", "simplemma", "pymorphy3", "pymorphy3-dicts-ru")
    key = key_of(f"lexicon:{lang}:{overlay}", files, packages)
    lexicon = cached(f"lexicon-{lang}", key, lambda: _build_lexicon(lang, overlay), lambda: key_of(f"lexicon:{lang}:{overlay}", files, packages))
    # A lexicon is hundreds of thousands of objects that live as long as the process. Left where they are,
    # every full collection of the cyclic garbage collector walks them all (about 10% of an analysis, measured);
    # frozen, it never does. Refcounting still frees whatever is dropped later.
    gc.freeze()
    return lexicon


def _build_lexicon(lang: str, overlay: str | None = None) -> Lexicon:
    from voc.analyse.lemmatizers import DEFAULT_LEMMATIZERS, lemmatizer, pipeline_for

    nlp = pipeline_for(lang)
    lemma = lemmatizer(lang, DEFAULT_LEMMATIZERS[lang])
    lex = Lexicon(lang)
    taxonomy = load_taxonomy(overlay)

    def elements(term: str, path: Path, number: int, entries: set[str]) -> tuple[Element, ...]:
        """Match keys for each word of ``term``; ``entries`` are the file's one-word terms, folded."""

        def keys_of(token, phrase: bool) -> set[str]:  # noqa: ANN001 - a spaCy Token
            form = fold(token.lower_, lang)
            lem = fold(lemma(token.lower_), lang) if token.is_alpha else form
            if phrase:
                return {form, lem}  # inside a phrase the context makes lemma matching safe
            if lang in _ENTRY_LEMMAS and lem not in entries and _variant(lem, form):
                return {form, lem}
            # A one-word entry matches tokens whose lemma or form is the entry as
            # written: "best" must not match "good", nor "caring" "care".
            return {form}

        out = []
        words = term.split()
        for word in words:
            if word.endswith("*") and len(word) > 1:
                prefix = fold(word[:-1].lower(), lang)
                if len(prefix) < 3:
                    raise LexiconError(f"line {number}: a prefix pattern needs 3 letters or more before '*'", path=path)
                out.append(Element(frozenset(), prefix))
                continue
            if "|" in word:  # alternatives at one place: "cancel my|the|this", each one word
                keys = set()
                for alternative in word.split("|"):
                    tokens = list(nlp.tokenizer(alternative))
                    if len(tokens) != 1:
                        raise LexiconError(f"line {number}: each alternative in {word!r} must be one word", path=path)
                    keys |= keys_of(tokens[0], phrase=len(words) > 1)
                out.append(Element(frozenset(keys)))
                continue
            for token in nlp.tokenizer(word):  # the tokenizer alone: thousands of terms load fast
                out.append(Element(frozenset(keys_of(token, phrase=len(words) > 1))))
        if not out:
            raise LexiconError(f"line {number}: empty term", path=path)
        return tuple(out)

    def read(relatives: list[str], width: int) -> tuple[list[tuple[Path, int, tuple[str, ...]]], set[str]]:
        rows = [(path, n, fields) for rel in relatives for path in _with_overlay(rel, overlay) for n, fields in _pairs(path, width)]
        term_at = 0 if width == 1 or relatives[0].endswith(("valence.tsv", "intensifiers.tsv")) else 1
        singles = {fold(f[term_at].lower(), lang) for _, _, f in rows if " " not in f[term_at]}
        return rows, singles

    rows, singles = read([f"{lang}/valence.tsv", f"{lang}/phrases.tsv"], 2)
    for path, number, (term, value) in rows:
        lex.valence.add(Pattern(elements(term, path, number, singles), _number(value, path, number, -4, 4), term))
    rows, singles = read([f"{lang}/intensifiers.tsv"], 2)
    for path, number, (term, value) in rows:
        lex.intensifiers.add(Pattern(elements(term, path, number, singles), _number(value, path, number, 0, 3), term))
    for name, target in (("negators.txt", lex.negators), ("expected.txt", lex.expected)):
        rows, singles = read([f"{lang}/{name}"], 1)
        for path, number, (term,) in rows:
            target.add(Pattern(elements(term, path, number, singles), True, term))
    for path in _with_overlay(f"{lang}/contrast.txt", overlay):
        for number, (term,) in _pairs(path, 1):
            words = tuple(fold(t.lower_, lang) for t in nlp.tokenizer(term))
            lex.contrast.setdefault(words[0], []).append(words)
    for seqs in lex.contrast.values():
        seqs.sort(key=len, reverse=True)
    rows, singles = read([f"{lang}/topics.tsv"], 2)
    for path, number, (topic, term) in rows:
        if topic not in taxonomy:
            raise LexiconError(f"line {number}: unknown topic {topic!r}: add it to taxonomy.tsv first", path=path)
        lex.topics.add(Pattern(elements(term, path, number, singles), topic, term))
    rows, singles = read([f"{lang}/cues.tsv"], 2)
    for path, number, (side, term) in rows:
        if side not in SIDES:
            raise LexiconError(f"line {number}: side must be service or experience, got {side!r}", path=path)
        lex.cues.add(Pattern(elements(term, path, number, singles), side, term))
    rows, singles = read([f"{lang}/concepts.tsv"], 2)
    for path, number, (concept, term) in rows:
        lex.concepts.add(Pattern(elements(term, path, number, singles), concept, term))
    for name, allowed in SIGNAL_VALUES.items():
        rows, singles = read([f"{lang}/{name}.tsv"], 2)
        for path, number, (value, term) in rows:
            if value not in allowed:
                raise LexiconError(f"line {number}: {value!r} is not one of {', '.join(allowed)}", path=path)
            lex.signals.add(Pattern(elements(term, path, number, singles), (name, value), term))
    for path in _with_overlay(f"{lang}/empty_answers.txt", overlay):
        for number, (term,) in _pairs(path, 1):
            lex.empty_answers.add(normalise_answer(term, lang))
    for path in _with_overlay("emoji.tsv", overlay):
        for number, (symbol, value) in _pairs(path, 2):
            lex.emoji[symbol] = _number(value, path, number, -4, 4)
    return lex


# simplemma sometimes lemmatises a Polish dictionary form to another form of the
# same word ("nieuprzejmy" -> "nieuprzejma"); there, and only there, a one-word
# entry also matches by its own lemma when that lemma is a close variant of it.
_ENTRY_LEMMAS = frozenset({"pl"})


def _variant(lemma: str, form: str) -> bool:
    common = 0
    for a, b in zip(lemma, form):
        if a != b:
            break
        common += 1
    return common >= 3 and common * 2 >= len(form)


def normalise_answer(text: str, lang: str) -> str:
    """How a whole answer is compared with empty_answers.txt: folded, lower-case, no punctuation at the ends."""
    return fold_text(" ".join(text.lower().split()), lang).strip(" .!?,;:-_")


def _with_overlay(relative: str, overlay: str | None) -> list[Path]:
    paths = []
    shipped = lexicon_path(*relative.split("/"))
    if shipped.exists():
        paths.append(shipped)
    if overlay:
        extra = Path(overlay) / relative
        if extra.exists():
            paths.append(extra)
    return paths


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise LexiconError("not UTF-8: save the file as UTF-8", path=path) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield number, [f.strip() for f in line.split("\t")]


def _pairs(path: Path, width: int) -> Iterator[tuple[int, tuple[str, ...]]]:
    for number, fields in _rows(path):
        if width == 1:
            fields = ["\t".join(fields)]  # one item per line: the whole line
        if len(fields) != width or not all(fields):
            expected = "one item" if width == 1 else f"{width} tab-separated fields"
            raise LexiconError(f"line {number}: expected {expected}, got {len(fields)}", path=path)
        yield number, tuple(fields)


def _number(value: str, path: Path, number: int, low: float, high: float) -> float:
    try:
        x = float(value.replace(",", "."))
    except ValueError:
        raise LexiconError(f"line {number}: {value!r} is not a number", path=path) from None
    if not low <= x <= high:
        raise LexiconError(f"line {number}: {x} is outside {low}..{high}", path=path)
    return x
