"""What a number says about the group it counts: its *measure* and the *kind* of value it is.

"3.000 Soldaten seien entsandt worden" is a deployment, "200 Menschen kamen ums
Leben" a death toll, "Tote und Verletzte" casualties. The measure is read from
the word that governs the number: the counted noun itself ("Todesopfer"), a
participle or adjective in its phrase ("getötete Soldaten"), a noun it is the
number of ("die Zahl der Toten stieg auf 200") or the verb of its clause
("starben", "were killed"). Without a parse the governing word is the nearest
word of the vocabulary inside the number's clause, not across a coordination
("und", "and") that starts another statement, and not across another number.
The vocabulary is data: ``quellenlage/lang/<code>/measures.tsv``.

The value kind says how a number may be compared: ``total`` (a count),
``delta`` ("weitere 1.500", "another 1,500": an increment), ``previous`` (the
"von 3.000" of "von 3.000 auf 10.000": an earlier value), ``range``, ``vague``
("Tausende": a magnitude, not a count).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib.resources import files
from typing import TYPE_CHECKING, Literal

from quellenlage.records import Quantity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as Span_

Measure = Literal[
    "deployed", "planned", "killed", "wounded", "casualties", "captured", "missing", "other",
    "unknown",
]  # fmt: skip
ValueKind = Literal["total", "delta", "previous", "range", "vague"]

#: Measures that describe one group's presence: a plan and its fulfilment are one figure.
PRESENCE = frozenset({"deployed", "planned"})
#: Tokens farther than this from the number are not read as governing it: in its own
#: clause, and in the clauses next to it (German puts the verb last, after long clauses).
MAX_DISTANCE = 10
MAX_DISTANCE_BEYOND_CLAUSE = 30

_TOKEN = re.compile(r"\w[\w'’-]*|[,;:()\[\]–—\"„“”»«]", re.UNICODE)
_BOUNDARY = frozenset(',;:()[]–—"„“”»«')
#: Words that start another statement inside a sentence: the number's clause ends there.
_COORDINATORS = {
    "de": frozenset(
        ["und", "sowie", "oder", "aber", "während", "nachdem", "weil", "obwohl", "doch", "sondern"]
    ),
    "en": frozenset(["and", "or", "but", "while", "after", "whereas", "although", "as"]),
}
_INCREMENT = {
    "de": frozenset(
        ["weitere", "weiteren", "weiterer", "zusätzliche", "zusätzlichen", "zusätzlich", "nochmals"]
    ),
    "en": frozenset(["another", "additional", "further", "extra"]),
}
_AFTER_INCREMENT = {"de": frozenset({"mehr"}), "en": frozenset({"more"})}
_FROM = {"de": ("von",), "en": ("from",)}
_TO = {"de": ("auf",), "en": ("to",)}


@dataclass(frozen=True, slots=True)
class Reading:
    """A quantity's measure, the vocabulary word it was read from, and its value kind."""

    measure: Measure
    word: str | None = None
    kind: ValueKind = "total"

    @property
    def detail(self) -> str:
        """The measure as compared: "other" values compare by what they say ("evacuated")."""
        return detail(self.measure, self.word)


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    exact: dict[tuple[str, ...], str]
    prefixes: tuple[tuple[str, str], ...]  # (prefix, measure), longest first
    #: Each word's prefix match, once: the scan over all prefixes is the hot path of linking.
    matched: dict[str, tuple[str, str] | None] = field(default_factory=dict, compare=False)

    def lookup(self, words: Sequence[str], i: int) -> tuple[str, str, int] | None:
        """The measure of the entry starting at ``words[i]``: (measure, entry, length)."""
        for length in (3, 2):
            phrase = tuple(words[i : i + length])
            if len(phrase) == length and phrase in self.exact:
                return self.exact[phrase], " ".join(phrase), length
        word = words[i]
        if (word,) in self.exact:
            return self.exact[(word,)], word, 1
        if word not in self.matched:
            if len(self.matched) > 20_000:  # bounded on any corpus
                self.matched.clear()
            self.matched[word] = next(
                ((measure, prefix) for prefix, measure in self.prefixes if word.startswith(prefix)),
                None,
            )
        hit = self.matched[word]
        return (hit[0], hit[1], 1) if hit else None


@functools.cache
def load_vocabulary(lang: str, name: str, allowed: frozenset[str]) -> _Vocabulary:
    """A word list ``lang/<code>/<name>.tsv`` of ``class<TAB>word`` lines.

    A class is one of ``allowed``, optionally with a detail ("other:evacuated").
    """
    path = files("quellenlage").joinpath("lang", lang, f"{name}.tsv")
    exact: dict[tuple[str, ...], str] = {}
    prefixes: list[tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, entry = line.partition("\t")
        entry = entry.strip().lower()
        if not sep or label.split(":")[0] not in allowed or entry in ("", "*"):
            raise ValueError(f"{path}:{number}: expected 'class<TAB>word', got {line!r}")
        if entry.endswith("*"):
            prefixes.append((entry[:-1], label))
        else:
            exact[tuple(entry.split())] = label
    prefixes.sort(key=lambda item: -len(item[0]))
    return _Vocabulary(exact, tuple(prefixes))


def vocabulary(lang: str) -> _Vocabulary:
    """The measure words of a language, from ``lang/<code>/measures.tsv``."""
    return load_vocabulary(lang, "measures", _MEASURES)


def nearest(text: str, span: Span, vocab: _Vocabulary) -> str | None:
    """The class of the vocabulary word nearest to ``span`` in ``text`` (any direction)."""
    tokens = _tokens(text)
    words = [w for w, _, _ in tokens]
    best: tuple[int, str] | None = None
    for i, (_, start, end) in enumerate(tokens):
        found = vocab.lookup(words, i)
        if found is None:
            continue
        distance = max(span[0] - end, start - span[1], 0)
        if best is None or distance < best[0]:
            best = (distance, found[0])
    return best[1] if best else None


_MEASURES = frozenset(Measure.__args__)  # type: ignore[attr-defined]


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _clause(
    tokens: list[tuple[str, int, int]],
    first: int,
    last: int,
    others: Sequence[Span],
    lang: str,
    *,
    punctuation: bool = True,
) -> tuple[int, int]:
    """Token range of the number's own clause: up to punctuation, a coordinator or a number.

    Without ``punctuation`` only another number ends it (the number's sentence part).
    """

    def stops(i: int) -> bool:
        word, start, end = tokens[i]
        if punctuation and (word in _BOUNDARY or word in _COORDINATORS.get(lang, ())):
            return True
        return any(a < end and start < b for a, b in others)

    left = first
    while left > 0 and not stops(left - 1):
        left -= 1
    right = last
    while right + 1 < len(tokens) and not stops(right + 1):
        right += 1
    return left, right


def _coordinated(words: list[str], i: int, length: int, vocab: _Vocabulary, lang: str) -> str:
    """The measure of a pair "Tote und Verletzte", "killed or wounded", if ``i`` starts one."""
    j = i + length
    if j + 1 < len(words) and words[j] in _COORDINATORS.get(lang, ()):
        other = vocab.lookup(words, j + 1)
        if other and {other[0], vocab.lookup(words, i)[0]} == {"killed", "wounded"}:  # type: ignore[index]
            return "casualties"
    return ""


def _paired(text: str, span: Span, other: Span, lang: str) -> bool:
    """Whether two numbers are the two ends of a change ("von 3.000 auf 10.000")."""
    a, b = sorted((span, other))
    between = text[a[1] : b[0]].strip().lower()
    return between in _TO.get(lang, ())


def read(
    text: str, quantity: Quantity, lang: str = "de", *, others: Sequence[Span] = ()
) -> Reading:
    """The measure and value kind of ``quantity`` (whose span is an offset into ``text``).

    ``others`` are the spans of the other numbers in ``text``: a clause does not
    reach across them, so "120 Tote und 300 Verletzte" gives each its own measure.
    """
    lang = lang if lang in ("de", "en") else "de"
    vocab = vocabulary(lang)
    tokens = _tokens(text)
    q_start, q_end = quantity.span
    inside = [i for i, (_, a, b) in enumerate(tokens) if a < q_end and q_start < b]
    kind = _value_kind(text, quantity, tokens, inside, lang)
    if not inside:
        return Reading("unknown", None, kind)
    words = [w for w, _, _ in tokens]
    first, last = inside[0], inside[-1]
    others = [s for s in others if s != quantity.span]
    others = [o for o in others if not _paired(text, quantity.span, o, lang)]
    left, right = _clause(tokens, first, last, others, lang)
    best, planned = _nearest_measure(words, left, right, first, last, vocab, lang, MAX_DISTANCE)
    if best is None and planned is None:
        # nothing in the number's own clause: "Die Polizei beziffert die Zahl der Menschen, die
        # gestorben sind, auf 626" - the governing word is in a clause next to it
        left, right = _clause(tokens, first, last, others, lang, punctuation=False)
        best, planned = _nearest_measure(
            words, left, right, first, last, vocab, lang, MAX_DISTANCE_BEYOND_CLAUSE
        )
    if best is None:
        return Reading("planned", planned, kind) if planned else Reading("unknown", None, kind)
    if best[1] == "deployed" and planned:
        return Reading("planned", planned, kind)
    measure, _, detail = best[1].partition(":")
    return Reading(measure, detail or best[2], kind)  # type: ignore[arg-type]


def _nearest_measure(
    words: list[str],
    left: int,
    right: int,
    first: int,
    last: int,
    vocab: _Vocabulary,
    lang: str,
    limit: int,
) -> tuple[tuple[tuple[int, int], str, str] | None, str | None]:
    """The nearest measure word in ``words[left:right+1]`` (rank, class, entry), and a plan word."""
    best: tuple[tuple[int, int], str, str] | None = None
    planned: str | None = None
    i = left
    while i <= right:
        found = vocab.lookup(words, i)
        if found is None:
            i += 1
            continue
        measure, entry, length = found
        measure = _coordinated(words, i, length, vocab, lang) or measure
        distance = 0 if first <= i <= last else (first - i if i < first else i - last)
        if distance <= limit:
            if measure == "planned":
                planned = planned or entry
            else:
                rank = (distance, 0 if i > last else 1)  # a tie goes to the word after
                if best is None or rank < best[0]:
                    best = (rank, measure, entry)
        i += length
    return best, planned


def _value_kind(
    text: str,
    quantity: Quantity,
    tokens: list[tuple[str, int, int]],
    inside: list[int],
    lang: str,
) -> ValueKind:
    if quantity.vague:
        return "vague"
    if quantity.bound == "range":
        return "range"
    words = [w for w, _, _ in tokens]
    if inside:
        first, last = inside[0], inside[-1]
        if any(w in _INCREMENT.get(lang, ()) for w in words[max(0, first - 1) : last + 1]):
            return "delta"
        after = words[last + 1 : last + 3]
        if any(w in _AFTER_INCREMENT.get(lang, ()) for w in after[:1]):
            return "delta"
        before = words[first - 1] if first > 0 else ""
        following = text[quantity.span[1] : quantity.span[1] + 40].lower().split()
        if before in _FROM.get(lang, ()) and following and following[0] in _TO.get(lang, ()):
            return "previous"
        if before in _FROM.get(lang, ()) and any(w in _TO.get(lang, ()) for w in following[:3]):
            return "previous"
    return "total"


def detail(measure: str, word: str | None) -> str:
    """A measure as compared: "other" measures by what they say ("other:evacuated")."""
    return f"other:{word}" if measure == "other" else measure


def fits(mine: str, my_word: str | None, theirs: str, their_word: str | None) -> bool:
    """Whether values of two measures may be one figure.

    A plan and its fulfilment describe one group's presence; a value whose
    measure is unknown fits any figure (ambiguity between figures of several
    measures is the linker's to settle); otherwise only the same measure.
    """
    if "unknown" in (mine, theirs):
        return True
    if mine in PRESENCE and theirs in PRESENCE:
        return True
    return detail(mine, my_word) == detail(theirs, their_word)


def annotate(doc: Doc, quantities: Sequence[Quantity]) -> list[Quantity]:
    """The quantities of a parsed ``Doc`` with their measure, measure word and value kind."""
    annotated = []
    text = doc.text  # spaCy joins every token for it: once per document, not per quantity
    for quantity in quantities:
        reading = read_in_doc(doc, quantity, quantities, text=text)
        annotated.append(
            replace(
                quantity,
                measure=reading.measure,
                measure_word=reading.word,
                value_kind=reading.kind,
            )
        )
    return annotated


def read_in_doc(
    doc: Doc, quantity: Quantity, quantities: Sequence[Quantity] = (), *, text: str | None = None
) -> Reading:
    """The measure of a quantity of a parsed ``Doc``: the parse first, then the words around it.

    With a dependency parse the governing word is the lemma of the number's
    head noun, of that noun's adjectives or participles ("getötete Soldaten"),
    or of the verb it depends on ("Soldaten wurden entsandt"); a pipeline
    without a parser (English here) reads the words of the sentence instead.
    ``quantities`` are all quantities of the document (a clause ends at another);
    ``text`` is ``doc.text`` when the caller has it.
    """
    text = doc.text if text is None else text
    lang = doc.lang_ if doc.lang_ in ("de", "en") else "de"
    span = doc.char_span(*quantity.span, alignment_mode="expand")
    sentence = span.sent if span is not None and doc.has_annotation("SENT_START") else None
    start, end = (
        (sentence.start_char, sentence.end_char) if sentence is not None else (0, len(text))
    )
    local = replace(quantity, span=(quantity.span[0] - start, quantity.span[1] - start))
    others = [
        (q.span[0] - start, q.span[1] - start) for q in quantities if start <= q.span[0] < end
    ]
    reading = read(text[start:end], local, lang, others=others)
    if span is None or not doc.has_annotation("DEP"):
        return reading
    parsed = _from_parse(span, load_vocabulary(lang, "measures", _MEASURES))
    if parsed is None or reading.measure == "casualties":  # a pair "Tote und Verletzte" wins
        return reading
    measure, _, word = parsed.partition(":")
    if reading.measure == "planned" and measure == "deployed":
        return reading  # "wolle … entsenden": the plan, not the deployment
    return Reading(measure, word or None, reading.kind)  # type: ignore[arg-type]


def _from_parse(span: Span_, vocab: _Vocabulary) -> str | None:
    """The measure class of the lemma governing the number, from the dependency parse."""
    number = span.root
    noun = number.head if number.dep_ in ("nummod", "nk", "amod", "det") else number
    candidates = [noun, *(c for c in noun.children if c.pos_ in ("ADJ", "VERB"))]
    if noun.head is not noun and noun.head.pos_ in ("VERB", "AUX"):
        candidates.append(noun.head)
    for token in candidates:
        found = vocab.lookup([token.lemma_.lower()], 0) or vocab.lookup([token.lower_], 0)
        if found and found[0] != "planned":  # modals are read from the words: "wolle … senden"
            return found[0]
    return None
