"""Rule-based claim extraction over a parsed German document.

Per unit (a sentence, or sentences joined by a quote) the extractor finds cues first
(verbs of saying, according-to phrases, cue nouns before a colon, "so X" frames), cuts the
unit into the cue's frame (cue, source, chain, addressee) and the claim's content on the
other side of the frame's commas/colon, and classifies the content (direct quote, indirect,
mixed). Units without a cue either carry on the last attribution (Konjunktiv continuation),
or are the outlet's own assertions. Linear rules over commas and part-of-speech tags do
the work where the parse is unsure; the parse decides subjects where it is plausible.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from quellenlage.claims import lexicon
from quellenlage.claims.cues import Cue, is_cue_noun, noun_lemma, noun_verb_cue, verb_cue
from quellenlage.claims.quotes import Quote, find_quotes
from quellenlage.claims.speakers import (
    MentionMemory,
    head_of,
    is_source_like,
    make_source,
    noun_phrase,
    phrase_around,
    subject_of,
    weak_nominative_adjective,
)
from quellenlage.claims.units import (
    Unit,
    content_tokens,
    is_finite,
    is_heading,
    is_promotion,
    is_question,
    split_units,
)
from quellenlage.records import Certainty, Claim, ClaimMode, Medium, Mention, Source

logger = logging.getLogger("quellenlage.claims")

MAX_UNIT_TOKENS = 400
_BOUNDARY_TEXTS = frozenset({",", ";", ":", "–", "—", "(", ")"})
_FINAL_PUNCT = frozenset({".", "!", "?", ",", ";", ":", "–", "—", "…"})
_SUBORDINATORS = frozenset({"KOUS", "KOUI", "PRELS", "PRELAT", "PWAV", "PWS"})
_VERB_FIRST_FILLERS = frozenset({"so", "wie", "es", "auch", "zudem", "außerdem", "weiter"})
_COORDINATORS = frozenset({"und", "aber", "sondern", "denn", "oder", "doch"})
#: Cue verbs that summarise a speech act only with a speaker as subject.
_NAMING_VERBS = frozenset({"nennen", "bezeichnen", "taufen"})
_AGENT_ONLY_VERBS = frozenset({"wollen", "drohen", "melden", "schreiben"})
#: "Das Erdbeben forderte 35 Todesopfer": "fordern" with victims is no speech act.
_CASUALTY_WORDS = ("opfer", "tote", "toten", "menschenleben", "verletzte", "leben")
_PREPOSITION_POS = frozenset({"ADP", "X", "ADV", "NOUN", "PROPN"})  # "laut" is often mistagged
_TEMPORAL_SUBORDINATORS = frozenset({"nachdem", "als", "während", "bevor", "seit", "seitdem"})
_CONDITIONAL_VERBS = frozenset({"sollte", "sollten", "wäre", "wären", "hätte", "hätten", "würde"})
#: Prepositions that belong to a cue: "sprach von", "bezeichnete … als", "warnte vor".
_CUE_PREPOSITIONS: dict[str, tuple[str, ...]] = {
    "sprechen": ("von",),
    "bezeichnen": ("als",),
    "charakterisieren": ("als",),
    "werten": ("als",),
    "warnen": ("vor",),
    "appellieren": ("an",),
    "protestieren": ("gegen",),
    "drohen": ("mit",),
}
#: Pronominal adverbs that Wikinews counts into the cue ("wies darauf hin", "geht davon aus");
#: "dazu" and "damit" it mostly leaves out.
_CUE_ADVERBS = frozenset({"davon", "darauf", "daran", "darum", "darüber", "dazu", "damit", "dafür"})
_ADVERBIAL_SUBORDINATORS = frozenset(
    {
        "nachdem",
        "als",
        "weil",
        "da",
        "obwohl",
        "wenn",
        "während",
        "bevor",
        "seit",
        "seitdem",
        "sodass",
        "damit",
        "falls",
        "ob",
        "um",
    }
)


@dataclass
class Attribution:
    """The attribution that a following Konjunktiv sentence carries on."""

    source: Source | None
    chain: tuple[Source, ...]
    medium: Medium


@dataclass
class Frame:
    """A cue with its frame tokens ``[start, end)`` and the roles found in the frame."""

    cue: Cue
    start: int
    end: int
    source: Source | None = None
    chain: list[Source] = field(default_factory=list)
    addressee: Mention | None = None
    content: list[tuple[int, int]] = field(default_factory=list)
    mode: ClaimMode = "indirect"
    subject_source: bool = False  # the source is the cue's grammatical subject


@dataclass
class Context:
    """Document-level state while walking through the units."""

    doc: Doc
    text: str
    quotes: tuple[Quote, ...]
    full_quotes: tuple[Quote, ...]
    memory: MentionMemory
    document_id: int | None
    active: Attribution | None = None
    last_subject: Source | None = None
    recent: Attribution | None = None  # the last attribution with a source, even if closed
    recent_unit: int = -100
    unit_index: int = 0
    #: Per token: inside any top-level quote (marks included) / strictly inside a full quote.
    quoted: list[bool] = field(default_factory=list)
    inside_full: list[bool] = field(default_factory=list)
    full_quote_marks: set[int] = field(default_factory=set)  # char offsets of their marks

    def __post_init__(self) -> None:
        self.quoted = _token_mask(self.doc, self.quotes, marks=True)
        self.inside_full = _token_mask(self.doc, self.full_quotes, marks=False)
        self.full_quote_marks = {q.start for q in self.full_quotes} | {
            q.end - 1 for q in self.full_quotes
        }

    def attribute(self, attribution: Attribution | None) -> None:
        """Open ``attribution`` for the following Konjunktiv sentences."""
        self.active = attribution
        if attribution is not None and attribution.source is not None:
            self.recent, self.recent_unit = attribution, self.unit_index

    def recent_attribution(self, window: int = 3) -> Attribution | None:
        """The last attribution if it lies at most ``window`` units back."""
        if self.recent is not None and self.unit_index - self.recent_unit <= window:
            return self.recent
        return None


def extract_document(doc: Doc, *, document_id: int | None, include_assertions: bool) -> list[Claim]:
    """Extract the claims of ``doc`` (see ``quellenlage.claims.extract_claims``)."""
    text = doc.text  # built from the tokens on every access: read it once
    if len(doc) == 0 or not text.strip():
        return []
    scan = find_quotes(text)
    if scan.unpaired:
        logger.warning(
            "ignored %d unpaired quotation mark(s) at offsets %s",
            len(scan.unpaired),
            ", ".join(str(offset) for offset in scan.unpaired[:10]),
        )
    top_level = tuple(quote for quote in scan.quotes if quote.depth == 0)
    full = tuple(quote for quote in top_level if _is_full_quote(text, quote))
    context = Context(doc, text, top_level, full, MentionMemory(), document_id)
    claims: list[Claim] = []
    for unit in split_units(doc, full):
        start, end = content_tokens(doc, unit)
        if start >= end:
            continue
        if end - start > MAX_UNIT_TOKENS:
            logger.warning(
                "skipped a unit of %d tokens at chars %d-%d (longer than %d)",
                end - start,
                doc[start].idx,
                doc[end - 1].idx,
                MAX_UNIT_TOKENS,
            )
            context.active = None
            continue
        context.unit_index += 1
        context.memory.remember_entities(doc, doc[end - 1].idx + 1)
        try:
            unit_claims = _analyse_unit(context, Unit(start, end))
        except Exception as error:  # a rule tripped over odd input: keep the other units
            logger.warning(
                "skipped the unit at chars %d-%d: %s: %s",
                doc[start].idx,
                doc[end - 1].idx,
                type(error).__name__,
                error,
            )
            continue
        claims.extend(
            claim for claim in unit_claims if include_assertions or claim.mode != "assertion"
        )
    claims.sort(key=lambda claim: (claim.span, claim.sentence_span))
    return claims


def _is_full_quote(text: str, quote: Quote) -> bool:
    """A quoted statement, as opposed to a quoted name or phrase ("große Anzahl")."""
    inner = text[quote.start + 1 : quote.end - 1].strip()
    words = inner.split()
    if not words:
        return False
    if inner[-1] in ".!?…" and len(words) >= 2:
        return True
    if len(words) == 3:  # "Wir bleiben hier" is a statement, "New York Times" a name
        return not all(word[:1].isupper() for word in words)
    return len(words) >= 4


# --- unit analysis -------------------------------------------------------------------------


def _analyse_unit(context: Context, unit: Unit) -> list[Claim]:
    doc = context.doc
    if is_heading(doc, unit):
        context.active = None
        return []
    text = doc[unit.start : unit.end].text
    if is_promotion(text):
        return []
    frames = _find_frames(context, unit)
    if frames:
        return _claims_from_frames(context, unit, frames)
    return _claims_without_cue(context, unit)


def _boundaries(context: Context, unit: Unit) -> set[int]:
    """Token indices that end a frame: commas, colons, dashes, and full-quote marks."""
    doc = context.doc
    result = set()
    for index in range(unit.start, unit.end):
        token = doc[index]
        if token.idx in context.full_quote_marks or (
            token.text in _BOUNDARY_TEXTS and not _in_quote(context, token)
        ):
            result.add(index)
    return result


def _token_mask(doc: Doc, quotes: tuple[Quote, ...], *, marks: bool) -> list[bool]:
    """For each token, whether it lies in one of ``quotes`` (sorted, not overlapping)."""
    mask = [False] * len(doc)
    for quote in quotes:
        low, high = (quote.start, quote.end) if marks else (quote.start + 1, quote.end - 1)
        span = doc.char_span(low, high, alignment_mode="expand")
        if span is not None:
            for index in range(span.start, span.end):
                mask[index] = low <= doc[index].idx < high
    return mask


def _in_quote(context: Context, token: Token) -> bool:
    return context.inside_full[token.i]


def _in_any_quote(context: Context, token: Token) -> bool:
    return context.quoted[token.i]


def _trim_end(doc: Doc, start: int, end: int) -> int:
    while end > start and (doc[end - 1].text in _FINAL_PUNCT or doc[end - 1].is_space):
        end -= 1
    return end


# --- frames --------------------------------------------------------------------------------


def _find_frames(context: Context, unit: Unit) -> list[Frame]:
    doc = context.doc
    boundaries = _boundaries(context, unit)
    frames: list[Frame] = []
    used: set[int] = set()
    for index in range(unit.start, unit.end):
        token = doc[index]
        if index in used or _in_any_quote(context, token):
            continue
        left, right = _clause_around(index, unit, boundaries)
        cue = verb_cue(token, right) or noun_verb_cue(token, (left, right))
        if cue is None and token.lower_ in {"heißt", "hieß", "heißen"}:
            cue = verb_cue(token, right)
        if cue is not None and _is_cue_in_use(context, cue, unit, boundaries):
            frame = _verb_frame(context, unit, cue, boundaries)
            if frame is not None:
                frames.append(frame)
                used.update(t.i for t in cue.tokens)
                continue
        frame = _preposition_frame(context, unit, token, boundaries)
        if frame is not None:
            frames.append(frame)
            used.update(range(frame.start, frame.end))
    frames.extend(_colon_frames(context, unit, boundaries, frames))
    frames.sort(key=lambda frame: frame.start)
    # Frames may not overlap: a preposition inside a verb frame belongs to the verb frame.
    # A verb frame without a speaker ("Die Saison hat nach Polizeiangaben einen Toten
    # gefordert") is the attributed content itself: the according-to frame wins.
    kept: list[Frame] = []
    for frame in frames:
        overlapping = [k for k in kept if k.start < frame.end and frame.start < k.end]
        if frame.cue.kind != "verb" and any(
            k.cue.kind == "verb" and not _yields_to(context, k, frame) for k in overlapping
        ):
            continue
        if frame.cue.kind == "verb" and any(_yields_to(context, frame, k) for k in overlapping):
            continue
        kept = [
            k
            for k in kept
            if k not in overlapping or (k.cue.kind == "verb" and not _yields_to(context, k, frame))
        ]
        kept.append(frame)
    return kept


def _yields_to(context: Context, verb_frame: Frame, other: Frame) -> bool:
    """A verb frame without a speaking subject gives way to an according-to frame."""
    if other.mode != "according_to" or other.source is None:
        return False
    limit = (verb_frame.start, verb_frame.end)
    return not _speaking_subject(context, verb_frame.cue.head, limit)


def _clause_around(index: int, unit: Unit, boundaries: set[int]) -> tuple[int, int]:
    left = index
    while left > unit.start and left - 1 not in boundaries:
        left -= 1
    right = index + 1
    while right < unit.end and right not in boundaries:
        right += 1
    return left, right


def _is_cue_in_use(context: Context, cue: Cue, unit: Unit, boundaries: set[int]) -> bool:
    """Whether a cue word actually introduces a claim here (not "teilen", not a noun use)."""
    head = cue.head
    doc = context.doc
    if cue.lemma == "wollen" and (_konjunktiv(head) is not None or head.tag_ != "VMFIN"):
        return False  # "er wolle …" carries reported speech on; it is not a new cue
    if cue.kind == "verb" and " " not in cue.lemma:
        left, right = _clause_around(head.i, unit, boundaries)
        clause = doc[left:right]
        first = doc[left] if left < right else head
        # "Wie die Zeitung berichtet, …" is tagged PWAV too, but it attributes
        relative = first.tag_ in {"PRELS", "PRELAT", "PWAV", "PWS"} and first.lower_ != "wie"
        if relative or first.lower_ in _ADVERBIAL_SUBORDINATORS:
            return False  # a cue inside a relative or adverbial clause
        attributive = head.i + 1 < len(doc) and doc[head.i + 1].pos_ in {"NOUN", "PROPN"}
        if (
            head.tag_ in {"VVPP", "ADJA"}
            and head.i > 0
            and doc[head.i - 1].pos_ in {"DET", "ADJ"}
            and attributive
        ):
            return False  # an adjectival participle: "die so genannten Hybride"
        if (
            cue.lemma in _NAMING_VERBS
            and head.tag_ == "VVPP"
            and not any(is_finite(t) for t in clause)
        ):
            return False  # a naming participle: "Das Objekt, genannt 2003 EL61, …"
        if cue.lemma == "drohen" and not _speaking_subject(context, head, (left, right)):
            return False  # "dem Verein droht der Abstieg": a threat that nobody utters
        passive_auxiliaries = {"worden", "wurde", "wurden", "wird", "werden"}
        if cue.lemma not in {"ausgehen", "kommen"}:
            passive_auxiliaries |= {"ist", "sind", "war", "waren"}  # "ist für Mai geplant"
        passive = head.tag_ == "VVPP" and any(t.lower_ in passive_auxiliaries for t in clause)
        if (
            passive
            and not any(t.lower_ == "es" for t in clause)
            and not _complement_follows(doc, right, unit.end)
        ):
            return False
    if cue.lemma in lexicon.CLAUSE_ONLY_VERBS:
        left, right = _clause_around(head.i, unit, boundaries)
        after = context.doc[right] if right < unit.end else None
        before = context.doc[left - 1] if left - 1 >= unit.start else None
        clause = (after is not None and after.text in {",", ":", "„", '"', "»", "“"}) or (
            before is not None and before.text in {",", "“", '"', "«", "”"}
        )
        return clause or cue.lemma not in lexicon.NOT_REPORTED_VERBS
    return True


def _complement_follows(doc: Doc, index: int, limit: int) -> bool:
    """A complement clause starts at the comma ``index``: "wurde beschlossen, dass …",
    "wird vorgeworfen, an … beteiligt gewesen zu sein"."""
    if index + 1 >= limit or doc[index].text != ",":
        return False
    if doc[index + 1].lower_ in {"dass", "ob"}:
        return True
    for k in range(index + 1, min(limit, index + 15)):
        if doc[k].text in {",", ";", ":"}:
            return False
        if doc[k].tag_ in {"PTKZU", "VVIZU"}:
            return True
    return False


def _speaking_subject(context: Context, head: Token, limit: tuple[int, int]) -> bool:
    excluded = [(q.start, q.end) for q in context.quotes]
    subject = subject_of(head, limit, excluded)
    return subject is not None and is_source_like(phrase_around(subject, limit))


def _verb_frame(context: Context, unit: Unit, cue: Cue, boundaries: set[int]) -> Frame | None:
    doc = context.doc
    head = cue.head
    first = min(t.i for t in cue.tokens)
    last = max(t.i for t in cue.tokens)
    start, _ = _clause_around(first, unit, boundaries)
    _, end = _clause_around(last, unit, boundaries)
    end = min(end, _trim_end(doc, unit.start, unit.end))
    start = _reach_auxiliary(context, unit, cue, start, boundaries)
    if start > unit.start and not _has_claim_matter(context, unit.start, start, main=True):
        # "John Kline, ein Abgeordneter, sagte": the apposition belongs to the frame.
        start = unit.start
    frame = Frame(cue=cue, start=start, end=end)
    if cue.lemma == "heißen" and not any(
        doc[k].lower_ == "es" for k in range(max(start, head.i - 1), min(end, head.i + 2))
    ):
        return None
    return frame


def _reach_auxiliary(
    context: Context, unit: Unit, cue: Cue, start: int, boundaries: set[int]
) -> int:
    """Widen a perfect-tense frame over commas and brackets to its finite auxiliary:
    "hatte der Investor für den Neubau, Larry A. Silverstein, zugesagt", "hat X (Grüne)
    gefordert". Nothing finite of another clause may stand between."""
    doc = context.doc
    head = cue.head
    excluded = [(q.start, q.end) for q in context.quotes]
    auxiliaries = [
        c
        for c in head.children
        if c.dep_ == "aux" and c.tag_ == "VAFIN" and c.lemma_ in {"haben", "sein"}
    ]
    anchors = [a for a in auxiliaries if unit.start <= a.i < start]
    if not anchors:
        return start
    first = min(anchor.i for anchor in anchors)
    subject = subject_of(head, (unit.start, start), excluded)
    if subject is not None and subject.i < first:
        return start  # "X, …, hat gefordert": the subject-first clause is handled elsewhere
    own = {a.i for a in auxiliaries} | {t.i for t in cue.tokens}
    if any(is_finite(doc[k]) and k not in own for k in range(first, start)):
        return start
    if any(
        doc[k].text in {";", ":"} or _in_any_quote(context, doc[k]) for k in range(first, start)
    ):
        return start
    widened, _ = _clause_around(first, unit, boundaries)
    return min(start, widened)


def _preposition_frame(
    context: Context, unit: Unit, token: Token, boundaries: set[int]
) -> Frame | None:
    """An according-to frame at ``token``: "laut X", "X zufolge", "nach Angaben X", "ihrer
    Meinung nach", "demnach", "unter Berufung auf X", "…, so X."."""
    lower = token.lower_
    if lower in lexicon.ACCORDING_PREPOSITIONS and token.pos_ in _PREPOSITION_POS:
        return _laut_frame(context, unit, token, boundaries)
    if lower == "zufolge":
        return _zufolge_frame(context, unit, token, boundaries)
    if (
        lower == "nach"
        and token.i > unit.start
        and is_cue_noun(context.doc[token.i - 1])
        and not _opens_noun_phrase(context.doc, token.i + 1)
    ):
        # "ihrer Meinung nach", but not "die Forderung nach mehr Demokratie"
        return _postposed_nach_frame(context, unit, token)
    if lower == "nach":
        return _nach_frame(context, unit, token, boundaries)
    if lower in lexicon.ANAPHORIC_CUES:
        # "Demnach …" names its source itself; the referent may be a report the last
        # sentences only mentioned ("hat ein Ergebnis bekannt gegeben. Demnach …")
        earlier = context.active or context.recent_attribution()
        return _anaphoric_frame(token, earlier or Attribution(None, (), "unknown"))
    if lower == "unter":
        return _berufung_frame(context, unit, token)
    if lower == "so" and token.i > unit.start and context.doc[token.i - 1].text in {",", "–", "—"}:
        return _so_frame(context, unit, token, boundaries)
    return None


def _according_to(cue: Cue, start: int, end: int, source: Source | None) -> Frame:
    return Frame(cue=cue, start=start, end=end, source=source, mode="according_to")


def _laut_frame(context: Context, unit: Unit, token: Token, boundaries: set[int]) -> Frame | None:
    """ "laut einer Mitteilung der Polizei": the whole phrase names the source (Wikinews)."""
    doc = context.doc
    limit_end = _trim_end(doc, unit.start, unit.end)
    if token.i + 1 >= limit_end:
        return None
    _, clause_end = _clause_around(token.i, unit, boundaries)
    limit = min(clause_end, limit_end)
    if _DOMAIN.match(doc[token.i + 1].text):
        phrase = doc[token.i + 1 : token.i + 2]  # "laut faz.net", whatever the tagger says
    else:
        phrase = _extended_attribute_phrase(doc, token.i + 1, limit) or noun_phrase(
            doc[token.i + 1], (token.i + 1, limit)
        )
    if phrase is None or (phrase.start != token.i + 1 and doc[token.i + 1].pos_ != "DET"):
        return None
    cue = Cue("preposition", token, [token], token.lower_, medium=_medium_of_phrase(phrase))
    return _according_to(cue, token.i, phrase.end, _source(context, phrase))


_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-z]{2,4}$")


def _extended_attribute_phrase(doc: Doc, start: int, limit: int) -> Span | None:
    """ "einer am Dienstag veröffentlichten Pressemitteilung des WFP": an article, a
    participle's own phrase, then the participle and the noun phrase it belongs to."""
    if start >= limit or doc[start].pos_ != "DET":
        return None
    index = start + 1
    if index >= limit or doc[index].pos_ != "ADP":
        return None
    while index < limit and doc[index].tag_ != "ADJA":
        if doc[index].pos_ not in {"ADP", "ADV", "NUM", "PROPN", "NOUN", "DET"}:
            return None
        index += 1
    if index >= limit or index - start > 6:
        return None
    rest = noun_phrase(doc[index], (index, limit))
    if rest is None or rest.start != index:
        return None
    return doc[start : rest.end]


def _zufolge_frame(
    context: Context, unit: Unit, token: Token, boundaries: set[int]
) -> Frame | None:
    """ "Einem Bericht des Senders zufolge": the noun phrase before the postposition."""
    doc = context.doc
    clause_start, _ = _clause_around(token.i, unit, boundaries)
    begin = token.i
    while begin > clause_start and (
        doc[begin - 1].pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM", "X"}
        or doc[begin - 1].text in '„“"»«'
        or _attribute_preposition(doc, begin - 1, clause_start)
    ):
        begin -= 1
    if begin == token.i:
        return None
    phrase = noun_phrase(doc[begin], (begin, token.i))
    if phrase is None:
        return None
    if phrase.end < token.i and doc[phrase.end].lower_ in _ATTRIBUTE_PREPOSITIONS:
        phrase = doc[phrase.start : token.i]  # "Angaben des Instituts von Athen zufolge"
    cue = Cue("preposition", token, [token], "zufolge", medium=_medium_of_phrase(phrase))
    return _according_to(cue, phrase.start, token.i + 1, _source(context, phrase))


#: Prepositions that attach an attribute inside a source phrase ("Angaben vom Mittwoch").
_ATTRIBUTE_PREPOSITIONS = frozenset({"von", "vom", "aus"})


def _attribute_preposition(doc: Doc, index: int, clause_start: int) -> bool:
    """ "Angaben von/vom/aus …" inside a phrase before "zufolge": a noun stands before it."""
    return (
        doc[index].lower_ in _ATTRIBUTE_PREPOSITIONS
        and index > clause_start
        and doc[index - 1].pos_ in {"NOUN", "PROPN"}
    )


def _noun_cue(token: Token, lemma: str) -> Cue:
    return Cue(
        "preposition",
        token,
        [token],
        f"nach {lemma}",
        medium=lexicon.CUE_NOUNS.get(lemma, "unknown"),
        hedge=lemma in lexicon.HEDGE_NOUNS,
    )


def _opens_noun_phrase(doc: Doc, index: int) -> bool:
    return index < len(doc) and doc[index].pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM"}


def _postposed_nach_frame(context: Context, unit: Unit, token: Token) -> Frame:
    """ "ihrer Meinung nach": the possessive phrase before "nach" is the source."""
    doc = context.doc
    begin = token.i - 1
    while begin > unit.start and doc[begin - 1].pos_ in {"DET", "PRON", "ADJ"}:
        begin -= 1
    cue = _noun_cue(token, noun_lemma(doc[token.i - 1]))
    return _according_to(cue, begin, token.i + 1, _source(context, doc[begin : token.i]))


def _nach_frame(context: Context, unit: Unit, token: Token, boundaries: set[int]) -> Frame | None:
    """ "nach Angaben der Polizei": cue "nach", source "Angaben der Polizei" (Wikinews)."""
    doc = context.doc
    limit_end = _trim_end(doc, unit.start, unit.end)
    _, clause_end = _clause_around(token.i, unit, boundaries)
    noun_index = token.i + 1
    while noun_index < clause_end and (
        doc[noun_index].pos_ in {"DET", "ADJ", "ADV"}
        or doc[noun_index].lower_ in {"dessen", "deren"}
        or (doc[noun_index].pos_ == "PROPN" and doc[noun_index].lower_.endswith("s"))
    ):
        noun_index += 1  # "nach bisher unbestätigten Berichten", "nach Celebis Angaben"
    if noun_index >= min(clause_end, limit_end):
        return None
    noun = doc[noun_index]
    lemma = noun_lemma(noun)
    if not _is_according_noun(lemma):
        return None
    attribute = _attribute_after(noun, min(clause_end, limit_end))
    end = attribute.end if attribute is not None else noun_index + 1
    frame_end = end
    if attribute is not None and end < limit_end and doc[end].text == ",":
        # "nach Angaben des Sprechers, Roland Eichhorn, …": the apposition names the source.
        close = next(
            (k for k in range(end + 1, min(end + 7, limit_end)) if doc[k].text == ","), None
        )
        if close is not None and all(
            doc[k].pos_ in {"PROPN", "NOUN", "DET", "ADJ"} or doc[k].ent_type_
            for k in range(end + 1, close)
        ):
            end, frame_end = close, close + 1
    source = _source(context, doc[token.i + 1 : end])
    own = any(doc[k].lower_ in {"eigenen", "eigener"} for k in range(token.i + 1, noun_index))
    if attribute is None and own and source is not None:
        # "nach eigenen Angaben": the statement of the clause's subject.
        subject = _clause_subject(context, unit, exclude=(token.i, end))
        if subject is not None:
            source = replace(source, resolved=subject.text)
    return _according_to(_noun_cue(token, lemma), token.i, frame_end, source)


def _is_according_noun(lemma: str) -> bool:
    """An according-to noun, also as the head of a compound ("Expertenmeinung"); nouns of
    events are taken only as they are ("nach der Auszählung" is temporal)."""
    return lemma in lexicon.ACCORDING_NOUNS or any(
        lemma.endswith((noun, noun + "n", noun + "en"))
        for noun in lexicon.ACCORDING_NOUNS - lexicon.EVENT_NOUNS
        if len(noun) >= 6
    )


def _anaphoric_frame(token: Token, active: Attribution) -> Frame:
    """ "Demnach …": cue and source at once, standing for the open attribution's source."""
    source = Source(token.text, (token.idx, token.idx + len(token)), "unknown", None)
    if active.source is not None:
        source = replace(source, kind=active.source.kind, resolved=active.source.name)
    cue = Cue("preposition", token, [token], token.lower_, medium=active.medium)
    frame = _according_to(cue, token.i, token.i + 1, source)
    frame.chain = list(active.chain)
    return frame


def _berufung_frame(context: Context, unit: Unit, token: Token) -> Frame | None:
    """ "unter Berufung auf X" outside a verb frame: X is the source."""
    doc = context.doc
    limit_end = _trim_end(doc, unit.start, unit.end)
    if not _is_berufung(doc, token.i, limit_end):
        return None
    phrase = noun_phrase(doc[token.i + 3], (token.i + 3, limit_end))
    if phrase is None:
        return None
    cue = Cue("preposition", token, list(doc[token.i : token.i + 3]), "unter berufung auf")
    return _according_to(cue, token.i, phrase.end, _source(context, phrase))


def _so_frame(context: Context, unit: Unit, token: Token, boundaries: set[int]) -> Frame | None:
    """ "…, so der Minister.": a source-like phrase after "so" and no verb."""
    doc = context.doc
    _, clause_end = _clause_around(token.i, unit, boundaries)
    if token.i + 1 >= clause_end:
        return None
    phrase = noun_phrase(doc[token.i + 1], (token.i + 1, clause_end))
    if (
        phrase is None
        or phrase.start != token.i + 1
        or any(is_finite(t) for t in doc[token.i : clause_end])
    ):
        return None
    # "…, so Schnappauf.": a bare capitalised word after "so" names someone even when the
    # tagger does not know the name
    bare_name = phrase[0].pos_ in {"NOUN", "PROPN"} and phrase[0].text[:1].isupper()
    if (
        not is_source_like(phrase)
        and not bare_name
        and head_of(phrase).lemma_.lower() not in lexicon.DOCUMENT_WORDS
    ):
        return None
    cue = Cue("so", token, [token], "so", medium="speech")
    return _according_to(cue, token.i, clause_end, _source(context, phrase))


def _is_berufung(doc: Doc, index: int, limit: int) -> bool:
    return (
        index + 3 < limit and doc[index + 1].lower_ == "berufung" and doc[index + 2].lower_ == "auf"
    )


def _colon_frames(
    context: Context, unit: Unit, boundaries: set[int], frames: list[Frame]
) -> list[Frame]:
    """ "Die Vermutung: …", "… basiert auf zwei Annahmen: …", "Merkel: „…“"."""
    doc = context.doc
    result: list[Frame] = []
    for index in range(unit.start + 1, unit.end - 1):
        token = doc[index]
        if token.text != ":" or _in_any_quote(context, token):
            continue
        if any(frame.start <= index <= frame.end for frame in frames if frame.cue.kind == "verb"):
            continue
        after_end = _trim_end(doc, index + 1, unit.end)
        if after_end <= index + 1:
            continue
        noun = _cue_noun_before(doc, index, unit.start)
        if noun is not None:
            lemma = noun_lemma(noun)
            source_phrase = _attribute_after(noun, index) or _first_source_like(
                context, unit.start, index, exclude=noun.i
            )
            cue = Cue(
                "noun_colon",
                noun,
                [noun],
                lemma,
                medium=lexicon.CUE_NOUNS.get(lemma, "unknown"),
                hedge=lemma in lexicon.HEDGE_NOUNS,
            )
            source = _source(context, source_phrase) if source_phrase is not None else None
            frame = Frame(cue=cue, start=unit.start, end=index, source=source)
            frame.content = [(index + 1, after_end)]
            result.append(frame)
            continue
        pre = doc[unit.start : index]
        starts_quote = any(doc[index + 1].idx == quote.start for quote in context.full_quotes)
        if (
            starts_quote
            and len(pre) <= 6
            and not any(is_finite(t) for t in pre)
            and is_source_like(noun_phrase(doc[unit.start], (unit.start, index)))
        ):
            phrase = noun_phrase(doc[unit.start], (unit.start, index))
            cue = Cue("speaker_colon", token, [token], ":", medium="speech")
            frame = Frame(cue=cue, start=unit.start, end=index + 1, source=_source(context, phrase))
            frame.content = [(index + 1, after_end)]
            result.append(frame)
    return result


def _cue_noun_before(doc: Doc, colon: int, start: int) -> Token | None:
    index = colon - 1
    while index >= start and index >= colon - 4:
        token = doc[index]
        if is_cue_noun(token) and noun_lemma(token) in lexicon.CUE_NOUNS:
            return token
        if token.pos_ not in {"DET", "ADJ", "NUM", "NOUN", "PROPN", "ADP"}:
            return None
        index -= 1
    return None


# --- roles ---------------------------------------------------------------------------------


def _source(context: Context, phrase: Span | None) -> Source | None:
    if phrase is None:
        return None
    return make_source(phrase, context.memory)


def _attribute_after(noun: Token, limit: int) -> Span | None:
    """The genitive or "von"/"aus" attribute right after a noun ("Angaben der Polizei")."""
    doc = noun.doc
    index = noun.i + 1
    if index >= limit:
        return None
    following = doc[index]
    if following.lower_ in {"von", "vom", "aus", "seitens"} and index + 1 < limit:
        return noun_phrase(doc[index + 1], (index + 1, limit))
    if (following.pos_ == "ADJ" and not following.lower_.endswith("er")) or (
        weak_nominative_adjective(following)
    ):
        # "nach Expertenmeinung historische …", "der ursprüngliche Toaster"; a genitive
        # adjective ends in "-er" ("Informationen südkoreanischer Militärkreise")
        return None
    if following.pos_ in {"DET", "ADJ", "PROPN", "NOUN"} and following.lower_ not in {
        "dem",
        "den",
        "die",
        "das",
        "ein",
        "eine",
        "einen",
        "einem",
    }:
        phrase = noun_phrase(following, (index, limit))
        if phrase is not None and phrase.start == index:
            return phrase
    return None


def _medium_of_phrase(phrase: Span) -> Medium:
    for token in phrase:
        lemma = noun_lemma(token)
        if lemma in lexicon.CUE_NOUNS:
            return lexicon.CUE_NOUNS[lemma]
    return "unknown"


def _first_source_like(
    context: Context, start: int, end: int, exclude: int | None = None
) -> Span | None:
    doc = context.doc
    index = start
    while index < end:
        token = doc[index]
        if (
            token.i != exclude
            and token.pos_ in {"NOUN", "PROPN"}
            and not _in_any_quote(context, token)
        ):
            phrase = phrase_around(token, (start, end))
            if phrase is not None and exclude not in range(phrase.start, phrase.end):
                if is_source_like(phrase):
                    return phrase
                index = max(index + 1, phrase.end)
                continue
        index += 1
    return None


def _clause_subject(context: Context, unit: Unit, exclude: tuple[int, int]) -> Span | None:
    doc = context.doc
    for token in doc[unit.start : unit.end]:
        if token.dep_ in {"nsubj", "nsubj:pass"} and not (exclude[0] <= token.i < exclude[1]):
            phrase = phrase_around(token, (unit.start, unit.end))
            if phrase is not None and is_source_like(phrase):
                return phrase
    return _first_source_like(context, unit.start, unit.end)


def _fill_verb_roles(context: Context, frame: Frame) -> None:
    doc = context.doc
    cue = frame.cue
    head = cue.head
    limit = (frame.start, frame.end)
    excluded = [(q.start, q.end) for q in context.quotes]
    phrase: Span | None = None
    if cue.lemma == "heißen":
        for index in range(frame.start, frame.end - 1):
            if doc[index].lower_ in {"in", "im"}:
                phrase = noun_phrase(doc[index + 1], (index + 1, frame.end))
                break
    else:
        subject = subject_of(head, limit, excluded)
        if subject is not None:
            phrase = phrase_around(subject, limit)
            frame.subject_source = phrase is not None
        if phrase is None or not is_source_like(phrase):
            linear, strong = _linear_subject(context, frame)
            if linear is not None and (strong or phrase is None):
                phrase, frame.subject_source = linear, strong
    if phrase is not None:
        phrase = _extend_source(context, phrase, frame)
        frame.source = _source(context, phrase)
    cited: list[Source] = []
    if cue.lemma == "zitieren" and phrase is not None:
        index = phrase.end
        while index < frame.end and doc[index].pos_ in {"ADV", "PART"}:
            index += 1
        if index < frame.end:
            obj = noun_phrase(doc[index], (index, frame.end))
            if obj is not None and obj.start == index and is_source_like(obj):
                cited.append(_source(context, obj))
    frame.chain = [*cited, *_frame_chain(context, frame, phrase)]
    frame.addressee = _addressee(context, frame)


def _extend_source(context: Context, phrase: Span, frame: Frame) -> Span:
    """Add what names the source further: "John Sifton von Human Rights Watch",
    "John Kline, ein Repräsentant aus Minnesota,", "Sebastian Edathy (SPD)"."""
    doc = context.doc
    end = phrase.end
    cue_tokens = {t.i for t in frame.cue.tokens}
    while end < frame.end:
        token = doc[end]
        if token.lower_ in _SPEECH_OBJECT_PREPOSITIONS.get(frame.cue.lemma, ()):
            break  # "sprach Angela Merkel von der Möglichkeit …": the verb's object
        if token.lower_ in {"von", "vom", "aus", "in", "im"} and end + 1 < frame.end:
            extra = noun_phrase(doc[end + 1], (end + 1, frame.end))
            if extra is None or extra.start != end + 1:
                break
            named = any(t.pos_ == "PROPN" or t.ent_type_ for t in extra)
            if token.lower_ in {"in", "im"} and not named:
                break
            if token.lower_ == "aus" and not (named or is_source_like(extra)):
                break
            end = extra.end
        elif token.text == "(":
            close = next(
                (k for k in range(end + 1, min(end + 8, frame.end)) if doc[k].text == ")"), None
            )
            if close is None:
                break
            end = close + 1
        elif token.text == "," and end + 1 < frame.end:
            # An apposition up to the comma before the verb: "John Kline, ein Abgeordneter, sagte".
            close = next((k for k in range(end + 1, frame.end) if doc[k].text == ","), frame.end)
            closes_frame = close == frame.end and frame.cue.head.i < phrase.start
            if (
                (close + 1 not in cue_tokens | {frame.cue.head.i} and not closes_frame)
                or any(is_finite(doc[k]) for k in range(end + 1, close))
                or doc[end + 1].pos_ not in {"DET", "ADJ", "NOUN", "PROPN", "NUM"}
            ):
                break
            end = close
        else:
            break
    start = phrase.start
    # "Wie der Bevollmächtigte der Kommission, Gerald Braun, mitteilte": the name's title.
    if start - 2 >= frame.start and doc[start - 1].text == ",":
        title_end = start - 1
        title_start = title_end
        while title_start > frame.start and _np_token(doc[title_start - 1]):
            title_start -= 1
        title = (
            noun_phrase(doc[title_start], (title_start, title_end))
            if title_start < title_end
            else None
        )
        if title is not None and title.end == title_end and is_source_like(title):
            start = title.start
    # "sagte der Vorsitzende des Verbandes, Elmar Gesse, …" / "sagte Ursula Castrup, die
    # Leiterin der Fachstelle, …": an apposition after the frame's comma.
    if end == frame.end and end + 1 < len(doc) and doc[end].text == ",":
        apposition = noun_phrase(doc[end + 1], (end + 1, min(len(doc), end + 12)))
        if apposition is not None and apposition.start == end + 1:
            apposition = _extend_source(context, apposition, replace(frame, end=apposition.end))
            closing = doc[apposition.end] if apposition.end < len(doc) else None
            if closing is None or closing.text in _BOUNDARY_TEXTS | _FINAL_PUNCT:
                end = apposition.end
                frame.end = apposition.end
    return doc[start:end]


def _np_token(token: Token) -> bool:
    return token.pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM"} or token.tag_ in {"NN", "NE"}


def _linear_subject(context: Context, frame: Frame) -> tuple[Span | None, bool]:
    """The subject by position: before the verb in "X sagte", after it in "sagte X".

    The flag says whether the phrase stands where a subject stands (not a fallback)."""
    doc = context.doc
    head = frame.cue.head
    first_cue = min(t.i for t in frame.cue.tokens)
    # Subject-first: "Amerikanische Geheimdienste vermuteten".
    if frame.start < first_cue:
        begin = frame.start
        while begin < first_cue and doc[begin].lower_ in {"so", "wie", "und", "auch"}:
            begin += 1
        if begin < first_cue:
            before = noun_phrase(doc[begin], (begin, first_cue))
            if (
                before is not None
                and before.start == begin
                and (is_source_like(before) or _first_position_subject(doc, before, first_cue))
            ):
                return before, True
    sentence_start = _clause_start(doc, frame.start)
    if doc[frame.start].lower_ in {"und", "sowie"} and sentence_start < frame.start:
        # "X … und kündigte an, …": the subject of the first conjunct.
        earlier, _ = _linear_subject(context, replace(frame, start=sentence_start))
        if earlier is not None:
            return earlier, True
    # Inverted: "erklärten die Nato und die USA", "so berichtet die Agentur".
    index = head.i + 1
    while index < frame.end and (
        doc[index].pos_ in {"AUX", "ADV", "PART"} or doc[index].lower_ in {"es", "sich"}
    ):
        index += 1
    if index < frame.end:
        after = noun_phrase(doc[index], (index, frame.end))
        if after is not None and after.start == index and is_source_like(after):
            return after, True
    return _first_source_like(context, frame.start, frame.end, exclude=head.i), False


def _first_position_subject(doc: Doc, phrase: Span, verb: int) -> bool:
    """A bare noun phrase right before the finite verb at the start of a clause is its
    subject unless its case says otherwise ("Elshorst wies darauf hin")."""
    if phrase.end != verb or phrase[0].pos_ == "ADP" or not phrase.text[:1].isupper():
        return False
    cases = {case for token in phrase for case in token.morph.get("Case")}
    return not cases or "Nom" in cases


def _clause_start(doc: Doc, index: int) -> int:
    """The start of the sentence that holds ``index``."""
    return doc[index].sent.start if doc.has_annotation("SENT_START") else 0


def _frame_chain(context: Context, frame: Frame, source_phrase: Span | None) -> list[Source]:
    """Sources the source cites: "unter Berufung auf X", "nach einem Briefing", "Einschätzungen von X"."""
    doc = context.doc
    chain: list[Source] = []
    taken = (
        set(range(source_phrase.start, source_phrase.end)) if source_phrase is not None else set()
    )
    index = frame.start
    while index < frame.end:
        token = doc[index]
        phrase: Span | None = None
        if index in taken or _in_any_quote(context, token):
            index += 1
            continue
        if token.lower_ == "unter" and _is_berufung(doc, index, frame.end):
            phrase = noun_phrase(doc[index + 3], (index + 3, frame.end))
        elif token.lower_ in {"nach", "laut", "gemäß"} and index + 1 < frame.end:
            candidate = noun_phrase(doc[index + 1], (index + 1, frame.end))
            if candidate is not None and candidate.start == index + 1:
                cue_nouns = [t for t in candidate if is_cue_noun(t)]
                documentish = head_of(candidate).lower_.endswith(
                    ("briefing", "bericht", "berichten", "studie", "angaben", "informationen")
                )
                if cue_nouns:
                    phrase = _attribute_after(cue_nouns[0], candidate.end) or candidate
                elif documentish or is_source_like(candidate):
                    phrase = candidate
        elif is_cue_noun(token) and token.i != frame.cue.head.i:
            phrase = _attribute_after(token, frame.end)
        if phrase is not None:
            chain.append(_source(context, phrase))
            index = phrase.end
            continue
        index += 1
    return [source for source in chain if source is not None]


def _addressee(context: Context, frame: Frame) -> Mention | None:
    """Whom the source addresses: "gegenüber der Presse", "sagte der Zeitung", "in einem
    Interview mit X", the object of "forderte X auf"."""
    doc = context.doc
    limit = (frame.start, frame.end)
    source_span = frame.source.span if frame.source is not None else None
    for index in range(frame.start, frame.end - 1):
        token = doc[index]
        if token.lower_ == "gegenüber" or (
            token.lower_ == "mit" and index > 0 and doc[index - 1].lower_.startswith("interview")
        ):
            phrase = noun_phrase(doc[index + 1], (index + 1, frame.end))
            if phrase is not None and phrase.start == index + 1:
                return Mention(phrase.text, (phrase.start_char, phrase.end_char))
    if frame.cue.lemma not in lexicon.ADDRESSING_VERBS:
        return None
    wanted = "Acc" if frame.cue.lemma in lexicon.ACCUSATIVE_ADDRESSEE_VERBS else "Dat"
    for index in range(frame.start, frame.end):
        token = doc[index]
        if token.pos_ not in {"DET", "NOUN", "PROPN"} or (
            index > 0 and doc[index - 1].pos_ == "ADP"
        ):
            continue
        if source_span is not None and source_span[0] <= token.idx < source_span[1]:
            continue
        if f"Case={wanted}" not in str(token.morph):
            continue
        phrase = noun_phrase(token, limit)
        if phrase is not None and phrase.start == index and is_source_like(phrase):
            return Mention(phrase.text, (phrase.start_char, phrase.end_char))
    return None


# --- content -------------------------------------------------------------------------------


def _has_claim_matter(
    context: Context, start: int, end: int, *, loose: bool = False, main: bool = False
) -> bool:
    """Whether a stretch can be a claim: a finite verb or a full quote in it.

    ``loose`` accepts any stretch of three words or more: after "sagte," a clause follows
    even where the tagger missed its verb ("das reiche nicht"). ``main`` asks for a main
    clause: "Frank Sichau, der als Sprecher fungiert," is a subject with a relative clause.
    """
    doc = context.doc
    if end <= start:
        return False
    if loose and sum(1 for k in range(start, end) if doc[k].is_alpha) >= 3:
        return True
    if main:
        has_quote = any(
            doc[start].idx <= quote.start < doc[end - 1].idx + len(doc[end - 1])
            for quote in context.full_quotes
        )
        return has_quote or _main_finite(context, start, end) is not None
    if any(
        is_finite(doc[k]) or doc[k].tag_ in {"VVPP", "VVINF", "VVIZU"} for k in range(start, end)
    ):
        return True
    return any(
        doc[start].idx <= quote.start < doc[end - 1].idx + len(doc[end - 1])
        for quote in context.full_quotes
    )


def _assign_content(context: Context, unit: Unit, frames: list[Frame]) -> None:
    doc = context.doc
    unit_end = _trim_end(doc, unit.start, unit.end)
    spans = sorted((frame.start, frame.end) for frame in frames)
    for frame in frames:
        if frame.content:
            continue
        previous_end = max((e for s, e in spans if e <= frame.start), default=unit.start)
        next_start = min((s for s, e in spans if s >= frame.end), default=unit_end)
        left = (previous_end, frame.start)
        right = (frame.end, next_start)
        # Parenthetical frames ", so X, …": skip over a following frame to the content.
        if next_start < unit_end and right[1] - right[0] <= 1:
            after = min((e for s, e in spans if s == next_start), default=next_start)
            following = min((s for s, e in spans if s >= after), default=unit_end)
            right = (after, following)
        if frame.cue.kind == "verb":
            right = _skip_frame_material(context, right)
        else:
            right = _skip_relative_clause(context, right)
        left_ok = _has_claim_matter(context, *_strip(doc, *left), main=True)
        right_ok = _has_claim_matter(context, *_strip(doc, *right), loose=frame.cue.kind == "verb")
        verb_first = frame.cue.kind != "verb" or _is_verb_first(doc, frame)
        if frame.cue.kind == "verb" and doc[frame.start].lower_ == "wie":
            verb_first = True
        parts: list[tuple[int, int]] = []
        left_stripped, right_stripped = _strip(doc, *left), _strip(doc, *right)
        if (
            frame.cue.kind != "verb"
            and left_stripped[1] > left_stripped[0]
            and right_stripped[1] > right_stripped[0]
            and _has_claim_matter(context, left_stripped[0], right_stripped[1])
        ):
            # "Danach setzte nach Informationen X ein Strom ein": the frame sits in the claim.
            frame.content = [left_stripped, right_stripped]
            continue
        if verb_first and left_ok:
            parts.append(_strip(doc, *left))
            if right_ok and (frame.end < unit_end):
                parts.append(_strip(doc, *right))
        elif right_ok:
            parts.append(_strip(doc, *right))
        elif left_ok and frame.cue.kind != "verb":
            parts.append(_strip(doc, *left))
        if frame.cue.lemma == "wollen":
            parts = []  # an intention is reported, never the frame of a clause
        if not parts and frame.cue.kind == "verb":
            parts = _reported_content(context, frame)
            if parts:
                frame.mode = "reported"
        frame.content = [
            _until_semicolon(context, *part)
            for part in parts
            if part[1] > part[0] and not _dependent_start(doc, part[0])
        ]


def _skip_frame_material(context: Context, region: tuple[int, int]) -> tuple[int, int]:
    """Skip appositions and adverbials that still belong to the frame ("…, Kommandant des
    Corps, ohne auf einen Vorfall zu verweisen, dass …") up to "dass"/"ob", a quote, or a
    clause with a finite verb."""
    doc = context.doc
    start, end = region
    segment = start
    index = start
    while index < end:
        token = doc[index]
        if token.lower_ in {"dass", "ob"} or any(q.start == token.idx for q in context.full_quotes):
            return (
                segment if index == segment or doc[segment].text in _BOUNDARY_TEXTS else index,
                end,
            )
        if is_finite(token) or token.text == ":":
            return (segment, end)
        if token.text == "," and index > segment:
            segment = index
        index += 1
    return region


def _until_semicolon(context: Context, start: int, end: int) -> tuple[int, int]:
    """Content ends at a semicolon outside quotes: what follows is a sentence of its own."""
    for index in range(start + 1, end):
        if context.doc[index].text == ";" and not _in_any_quote(context, context.doc[index]):
            return (start, _trim_end(context.doc, start, index))
    return (start, end)


def _skip_relative_clause(context: Context, region: tuple[int, int]) -> tuple[int, int]:
    """ "Nach einer Hochrechnung des Senders, die auf … beruht, entfallen …": the relative
    clause belongs to the frame's noun; the content starts after it."""
    doc = context.doc
    start, end = _strip(doc, *region)
    if start >= end or doc[start].tag_ not in {"PRELS", "PRELAT"} or not _antecedent(doc, start):
        return region
    for index in range(start, end):
        if doc[index].text == "," and any(is_finite(doc[k]) for k in range(start, index)):
            return (index + 1, end)
    return region


def _dependent_start(doc: Doc, start: int) -> bool:
    """Content cannot start with a relative pronoun or an adverbial subordinator: "…, der am
    Sonntag …", "…, nachdem …" belong to the frame's noun or verb, not to what is said."""
    first = doc[start]
    if first.lower_ in _TEMPORAL_SUBORDINATORS:
        return True
    if first.tag_ not in {"PRELS", "PRELAT"} or not _antecedent(doc, start):
        return False
    # A relative clause ends with its finite verb; "die Lage sei ernst" (an article the
    # tagger took for a relative pronoun) has it in second place.
    end = start + 1
    while end < len(doc) and doc[end].text not in _BOUNDARY_TEXTS | _FINAL_PUNCT:
        end += 1
    return end - 1 > start and is_finite(doc[end - 1])


def _antecedent(doc: Doc, start: int) -> bool:
    """Whether a relative pronoun at ``start`` can have an antecedent: right after a finite
    main verb ("erklärte, die Tiere würden …") the "die" is an article; after a clause-final
    verb ("hat ein Gutachten veröffentlicht, das …") it may refer back."""
    index = start - 1
    if index >= 0 and doc[index].text == ",":
        index -= 1
    return index < 0 or doc[index].tag_ != "VVFIN"


def _can_act(source: Source) -> bool:
    """Whether a source can want or threaten something: anyone but a document."""
    return source.kind != "document"


def _is_verb_first(doc: Doc, frame: Frame) -> bool:
    first_cue = min(t.i for t in frame.cue.tokens)
    return all(
        doc[k].lower_ in _VERB_FIRST_FILLERS or doc[k].pos_ in {"AUX", "ADV", "PART"}
        for k in range(frame.start, first_cue)
    )


def _strip(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].text in _BOUNDARY_TEXTS or doc[start].is_space):
        start += 1
    end = _trim_end(doc, start, end)
    return start, end


def _reported_content(context: Context, frame: Frame) -> list[tuple[int, int]]:
    """ "Die Firma forderte eine schnellere Entscheidung": the object is the content."""
    if frame.cue.lemma in lexicon.NOT_REPORTED_VERBS or " " in frame.cue.lemma:
        return []
    if frame.source is None or not frame.subject_source:
        return []
    pronoun = frame.source.text.lower() in {"er", "sie", "wir", "ich"}  # the speaker is a person
    if frame.source.kind == "unknown" and not pronoun and not _speech_object(context.doc, frame):
        return []
    if frame.cue.lemma in _AGENT_ONLY_VERBS and not _can_act(frame.source):
        return []  # "Wales will …" with a place as subject is no speech act
    if frame.cue.lemma == "wollen" and "Tense=Past" in str(frame.cue.head.morph):
        return []  # "Die Flugbegleiter wollten den Mann beruhigen": a narrated intention
    head = frame.cue.head
    doc = context.doc
    if is_question(doc, frame.start, min(frame.end + 1, len(doc))):
        return []  # "Befürchten Sie drastische Einschnitte?" asks, it reports nothing
    if _subordinate(doc, frame.start, head.i) or any(
        child.dep_ == "aux:pass" for child in head.children
    ):
        return []
    if frame.cue.lemma == "sprechen" and not any(
        doc[k].lower_ in {"von", "vom"} for k in range(head.i, frame.end)
    ):
        return []
    taken = {t.i for t in frame.cue.tokens}
    if frame.source is not None and frame.source.span is not None:
        taken.update(
            k
            for k in range(frame.start, frame.end)
            if frame.source.span[0] <= doc[k].idx < frame.source.span[1]
        )
    best: tuple[int, int] = (0, 0)
    run_start: int | None = None
    for index in range(frame.start, frame.end + 1):
        inside = (
            index < frame.end and index not in taken and doc[index].pos_ not in {"AUX", "PUNCT"}
        )
        if inside and run_start is None:
            run_start = index
        if not inside and run_start is not None:
            if index - run_start > best[1] - best[0]:
                best = (run_start, index)
            run_start = None
    if best[1] - best[0] < 2 or not any(
        doc[k].pos_ in {"NOUN", "PROPN", "VERB"} for k in range(*best)
    ):
        return []
    if frame.cue.lemma in {"fordern", "verlangen"} and any(
        doc[k].lower_.endswith(_CASUALTY_WORDS) for k in range(*best)
    ):
        return []
    return [best]


# --- claims --------------------------------------------------------------------------------


def _speech_object(doc: Doc, frame: Frame) -> bool:
    """ "berichteten von einem Knall", "warnt vor …": the verb names what was said, so any
    subject is a speaker."""
    prepositions = _SPEECH_OBJECT_PREPOSITIONS.get(frame.cue.lemma, ())
    head = frame.cue.head.i
    return any(doc[k].lower_ in prepositions for k in range(head + 1, min(frame.end, head + 4)))


#: Speech verbs whose prepositional object is the reported content.
_SPEECH_OBJECT_PREPOSITIONS: dict[str, tuple[str, ...]] = {
    "sprechen": ("von", "vom"),
    "berichten": ("von", "vom", "über"),
    "warnen": ("vor",),
}


def _claims_from_frames(context: Context, unit: Unit, frames: list[Frame]) -> list[Claim]:
    for frame in frames:
        if frame.cue.kind == "verb":
            _fill_verb_roles(context, frame)
    _assign_content(context, unit, frames)
    frames = [frame for frame in frames if frame.content]
    if frames and context.active is not None and all(_reported_cue(f) for f in frames):
        # "Er gehe davon aus, dass …": the speech act itself is reported in Konjunktiv, so the
        # whole sentence carries the open attribution on (Wikinews: IndirectFreeIndirect).
        return _claims_without_cue(context, unit)
    frames = _nest(frames)
    claims = []
    for frame in frames:
        claim = _frame_claim(context, unit, frame)
        if claim is not None:
            claims.append(claim)
        if frame.cue.kind == "noun_colon":
            claims.extend(_pre_colon_assertion(context, unit, frame))
    if claims:
        last = max(frames, key=lambda frame: frame.end)
        context.attribute(Attribution(last.source, tuple(last.chain), last.cue.medium))
        if last.source is not None:
            context.last_subject = last.source
    elif not frames:
        return _claims_without_cue(context, unit)
    return claims


def _pre_colon_assertion(context: Context, unit: Unit, frame: Frame) -> list[Claim]:
    """ "Die Besorgnis … basiert auf zwei Annahmen: …": the clause before the colon is the outlet's."""
    doc = context.doc
    start, end = _strip(doc, unit.start, frame.end)
    mood, has_finite = _main_mood(context, start, end)
    if not has_finite or mood is not None or end <= start:
        return []
    return [_assertion(context, unit, start, end)]


def _assertion(context: Context, unit: Unit, start: int, end: int) -> Claim:
    doc = context.doc
    hedges = _hedges(doc, None, start, end)
    char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return Claim(
        text=context.text[char_start:char_end],
        span=(char_start, char_end),
        sentence_span=_unit_chars(doc, unit),
        mode="assertion",
        certainty="hedged" if hedges else "asserted",
        hedges=hedges,
        document_id=context.document_id,
    )


def _nest(frames: list[Frame]) -> list[Frame]:
    """A cue inside another cue's content cites through it: Reuters → Lee → the instructors.

    Two frames that share their content ("Y seien zu dem Ergebnis gekommen, so zitiert X
    Lee, „…“") are nested too: the frame whose verb is in Konjunktiv is the reported one.
    """
    result = list(frames)
    for first, second in pairwise(frames):
        if first.content != second.content or first not in result or second not in result:
            continue
        inner, outer = (first, second) if _reported_frame(first) else (second, first)
        _merge(outer, inner)
        result.remove(outer)
    for outer in list(result):
        lo = min(s for s, _ in outer.content)
        hi = max(e for _, e in outer.content)
        inner = [
            f
            for f in frames
            if f is not outer
            and lo <= f.start
            and f.end <= hi
            and all(lo <= s and e <= hi for s, e in f.content)
        ]
        if not inner or outer not in result:
            continue
        result.remove(outer)
        for frame in inner:
            _merge(outer, frame)
    return result


def _reported_cue(frame: Frame) -> bool:
    """A verb cue in Konjunktiv whose subject is a pronoun or missing ("er gehe davon aus")."""
    source = frame.source
    pronoun = source is None or source.text.lower() in {"er", "sie", "man", "es"}
    return frame.cue.kind == "verb" and pronoun and _reported_frame(frame)


def _reported_frame(frame: Frame) -> bool:
    """Whether the frame's verb complex is in Konjunktiv (it reports someone else's cue)."""
    head = frame.cue.head
    verbs = [head, *(child for child in head.children if child.dep_ in {"aux", "aux:pass"})]
    doc = head.doc
    verbs.extend(doc[k] for k in range(frame.start, frame.end) if doc[k].pos_ == "AUX")
    return any(_konjunktiv(token) is not None for token in verbs)


def _merge(outer: Frame, inner: Frame) -> None:
    """Make ``inner`` cite through ``outer``: outer's source first, inner's source in the chain."""
    chain = [*outer.chain]
    if inner.source is not None:
        chain.append(inner.source)
    chain.extend(inner.chain)
    inner.chain = chain
    inner.source = outer.source
    if outer.cue.kind == "verb":
        inner.cue = outer.cue


def _frame_claim(context: Context, unit: Unit, frame: Frame) -> Claim | None:
    doc = context.doc
    start = min(s for s, _ in frame.content)
    end = max(e for _, e in frame.content)
    mode = frame.mode
    char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    if doc[start].lower_ in {"dass", "ob"} and start + 2 < end and doc[start + 1].text == ",":
        quote = _exact_quote(context, doc, start + 2, end)
        if quote is not None:  # "sagte, dass, „wenn …“": the quote is the claim
            frame.content = [(start + 2, end)]
    exact = [_exact_quote(context, doc, s, e) for s, e in frame.content]
    if all(quote is not None for quote in exact):
        mode = "direct"
        char_start = exact[0].start + 1  # type: ignore[union-attr]
        char_end = exact[-1].end - 1  # type: ignore[union-attr]
    elif mode in {"indirect", "according_to"} and _contains_quote(context, char_start, char_end):
        mode = "mixed"
    if frame.cue.kind == "speaker_colon":
        mode = "direct" if mode != "mixed" else mode
    cue = None
    if frame.cue.kind != "speaker_colon":
        cue = _cue_mention(doc, frame.cue, _cue_tokens(doc, frame))
    hedges = _hedges(doc, frame, start, end)
    certainty: Certainty = "reported"
    if frame.cue.denial or _has_denial(doc, frame):
        certainty = "denied"
    elif hedges:
        certainty = "hedged"
    return Claim(
        text=context.text[char_start:char_end],
        span=(char_start, char_end),
        sentence_span=_unit_chars(doc, unit),
        mode=mode,
        certainty=certainty,
        cue=cue,
        source=frame.source,
        chain=tuple(frame.chain),
        addressee=frame.addressee,
        medium=frame.cue.medium,
        hedges=hedges,
        document_id=context.document_id,
    )


def _exact_quote(context: Context, doc: Doc, start: int, end: int) -> Quote | None:
    first, last = doc[start], doc[end - 1]
    for quote in context.full_quotes:
        if first.idx == quote.start and last.idx == quote.end - 1:
            return quote
    return None


def _contains_quote(context: Context, start: int, end: int) -> bool:
    for quote in context.quotes:
        if start <= quote.start and quote.end <= end + 1:
            inner = context.text[quote.start + 1 : quote.end - 1]
            if not all(word[:1].isupper() for word in inner.split()):
                return True
    return False


def _cue_tokens(doc: Doc, frame: Frame) -> list[Token]:
    """The whole verb complex of a verb cue: auxiliaries, "sich", "es" of "heißt es", "wie"."""
    cue = frame.cue
    tokens = {t.i: t for t in cue.tokens}
    if cue.kind != "verb":
        return list(tokens.values())
    head = cue.head
    for child in head.children:
        if child.dep_ in {"aux", "aux:pass"} and frame.start <= child.i < frame.end:
            tokens[child.i] = child
    # a finite verb ("heißt", "verweist") takes no auxiliary, whatever its ending
    participle = head.tag_ in {"VVPP", "VVINF"} or (
        head.lower_.endswith("t") and head.tag_ != "VVFIN"
    )
    clause = _same_clause(doc, frame, head)
    for index in clause:
        token = doc[index]
        if _correlate(doc, index, clause.stop) or (
            participle and token.tag_ == "VAFIN" and index < head.i
        ):
            tokens[index] = token  # "geht die Regierung davon aus,", "hatte das Komitee betont"
    for index in range(max(frame.start, head.i - 3), min(frame.end, head.i + 4)):
        token = doc[index]
        if (
            token.tag_ == "PRF"
            or (token.lower_ == "es" and (cue.lemma == "heißen" or _passive_cue(doc, frame)))
            or (token.tag_ in {"VAFIN", "VMFIN"} and head.tag_ in {"VVPP", "VVINF"})
            or (
                token.lemma_ in {"haben", "sein", "werden"}
                and participle
                and -2 <= index - head.i <= 1
                and index != head.i
            )
            or (token.lower_ in _CUE_PREPOSITIONS.get(cue.lemma, ()) and index > head.i)
        ):
            tokens[index] = token
    first = frame.start + 1 if doc[frame.start].text == "," else frame.start
    if first < frame.end and doc[first].lower_ == "wie":
        tokens[first] = doc[first]  # ", wie X mitteilte"
    for index in range(head.i + 1, min(frame.end, head.i + 6) - 2):
        # "kommentierte mit den Worten", "mit folgenden Worten"
        if doc[index].lower_ == "mit" and doc[index + 2].lower_ == "worten":
            tokens.update({k: doc[k] for k in range(index, index + 3)})
        elif doc[index].lower_ == "mit" and doc[index + 1].lower_ == "worten":
            tokens.update({k: doc[k] for k in range(index, index + 2)})
    if " " in cue.lemma:  # "der Meinung sein", "zu dem Ergebnis kommen": the article too
        for token in cue.tokens:
            index = token.i - 1
            while token.pos_ == "NOUN" and index >= 0 and token.i - index <= 2:
                if doc[index].pos_ not in {"DET", "ADP"}:
                    break
                tokens[index] = doc[index]
                index -= 1
    return [tokens[k] for k in sorted(tokens)]


def _same_clause(doc: Doc, frame: Frame, head: Token) -> range:
    """The token indices of the frame that share the cue verb's clause (no comma between)."""
    start = head.i
    while start > frame.start and doc[start - 1].text not in _CLAUSE_BREAKS:
        start -= 1
    end = head.i + 1
    while end < frame.end and doc[end].text not in _CLAUSE_BREAKS:
        end += 1
    return range(start, end)


_CLAUSE_BREAKS = frozenset({",", ";", ":", "–"})


def _correlate(doc: Doc, index: int, clause_end: int) -> bool:
    """A "darauf"/"davon" that points to the following comma clause ("weist darauf hin, dass").

    It closes its clause: only verb parts may follow it before the comma.
    """
    return (
        doc[index].lower_ in _CUE_ADVERBS
        and clause_end < len(doc)
        and doc[clause_end].text == ","
        and all(doc[k].pos_ in {"VERB", "AUX", "ADP", "PART"} for k in range(index + 1, clause_end))
    )


def _passive_cue(doc: Doc, frame: Frame) -> bool:
    """ "Es wird vermutet, …": an impersonal passive cue."""
    return frame.cue.head.tag_ == "VVPP" and any(
        doc[k].lemma_ == "werden" for k in range(frame.start, frame.end)
    )


def _cue_mention(doc: Doc, cue: Cue, tokens: list[Token] | None = None) -> Mention:
    tokens = sorted(tokens or cue.tokens, key=lambda t: t.i)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    contiguous = all(b.i == a.i + 1 for a, b in pairwise(tokens))
    if contiguous:
        return Mention(doc[tokens[0].i : tokens[-1].i + 1].text, (start, end))
    parts = tuple((t.idx, t.idx + len(t)) for t in tokens)
    return Mention(" … ".join(t.text for t in tokens), (start, end), parts)


def _unit_chars(doc: Doc, unit: Unit) -> tuple[int, int]:
    last = doc[unit.end - 1]
    return doc[unit.start].idx, last.idx + len(last)


def _hedges(doc: Doc, frame: Frame | None, start: int, end: int) -> tuple[str, ...]:
    found: list[str] = []
    if frame is not None and frame.cue.hedge:
        found.append(frame.cue.head.text)
    lo = min(start, frame.start) if frame is not None else start
    hi = max(end, frame.end) if frame is not None else end
    tokens = doc[lo:hi]
    for token in tokens:
        lower = token.lower_
        if (
            lower in lexicon.HEDGE_WORDS
            or lower in lexicon.HEDGE_MODAL_FORMS
            or (lower in lexicon.REPORTATIVE_SOLLEN and _perfect_infinitive_after(doc, token, hi))
        ):
            found.append(token.text)
    unique: list[str] = []
    for word in found:
        if word not in unique:
            unique.append(word)
    return tuple(unique)


def _perfect_infinitive_after(doc: Doc, token: Token, limit: int) -> bool:
    """ "soll … gesagt haben": reportative, unlike "soll steigen" (a plan)."""
    for index in range(token.i + 1, limit):
        candidate = doc[index]
        if candidate.text in {",", ";", ":"}:
            return False
        if (
            candidate.lower_ in {"haben", "sein"}
            and index > 0
            and doc[index - 1].tag_ in {"VVPP", "VVINF", "VAPP", "VMPP"}
        ):
            return True
    return False


def _has_denial(doc: Doc, frame: Frame) -> bool:
    return any(doc[k].lower_ in lexicon.DENIAL_WORDS for k in range(frame.start, frame.end))


# --- units without a cue -------------------------------------------------------------------


def _claims_without_cue(context: Context, unit: Unit) -> list[Claim]:
    doc = context.doc
    parts = _colon_parts(context, unit)
    claims: list[Claim] = []
    previous_subject: Source | None = None
    for index, (start, end) in enumerate(parts):
        start, end = _strip(doc, start, end)
        if end <= start:
            continue
        if is_question(doc, start, min(end + 1, unit.end)) or (
            index == len(parts) - 1 and is_question(doc, start, unit.end)
        ):
            continue
        mood, has_finite = _main_mood(context, start, end)
        exact = _exact_quote(context, doc, start, end)
        colon_source = previous_subject if index > 0 else None
        if exact is not None or mood is not None:
            attribution = context.active
            inherited = attribution is not None
            if attribution is None and colon_source is not None:
                attribution = Attribution(colon_source, (), "unknown")
                inherited = True
            elif attribution is None and mood == "I" and context.recent_attribution():
                attribution = context.recent_attribution()
                inherited = True
            elif attribution is None and mood == "I" and context.last_subject is not None:
                attribution = Attribution(context.last_subject, (), "unknown")
                inherited = True
            if attribution is not None or mood == "I" or exact is not None:
                claims.append(
                    _continuation_claim(context, unit, start, end, attribution, inherited, exact)
                )
                if attribution is not None:
                    context.attribute(attribution)
                continue
        if not has_finite:
            continue
        finite = _main_finite(context, start, end)
        carried = context.active or context.recent_attribution()
        if (
            finite is not None
            and finite.lower_ in lexicon.REPORTATIVE_SOLLEN
            and carried is not None
            and carried.source is not None
        ):
            claims.append(_free_indirect_claim(context, unit, start, end, carried))
            continue
        subject = _main_subject(context, start, end)
        previous_subject = subject
        context.active = None
        context.last_subject = subject
        claims.append(_assertion(context, unit, start, end))
    return claims


def _colon_parts(context: Context, unit: Unit) -> list[tuple[int, int]]:
    """Split at a colon whose right side is a Konjunktiv clause or a quote; else one part."""
    doc = context.doc
    for index in range(unit.start + 1, unit.end - 1):
        if doc[index].text != ":" or _in_any_quote(context, doc[index]):
            continue
        right = _strip(doc, index + 1, unit.end)
        mood, _ = _main_mood(context, *right)
        left_finite = _main_mood(context, unit.start, index)[1]
        if (mood is not None or _exact_quote(context, doc, *right) is not None) and left_finite:
            return [(unit.start, index), (index + 1, unit.end)]
    return [(unit.start, unit.end)]


def _continuation_claim(
    context: Context,
    unit: Unit,
    start: int,
    end: int,
    attribution: Attribution | None,
    inherited: bool,
    exact: Quote | None,
) -> Claim:
    doc = context.doc
    char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    mode: ClaimMode = "konjunktiv"
    if exact is not None:
        mode = "direct"
        char_start, char_end = exact.start + 1, exact.end - 1
    elif _contains_quote(context, char_start, char_end):
        mode = "mixed"
    hedges = _hedges(doc, None, start, end)
    return Claim(
        text=context.text[char_start:char_end],
        span=(char_start, char_end),
        sentence_span=_unit_chars(doc, unit),
        mode=mode,
        certainty="hedged" if hedges else "reported",
        source=attribution.source if attribution else None,
        chain=attribution.chain if attribution else (),
        inherited=inherited and attribution is not None and attribution.source is not None,
        medium=attribution.medium if attribution else "unknown",
        hedges=hedges,
        document_id=context.document_id,
    )


def _free_indirect_claim(
    context: Context, unit: Unit, start: int, end: int, attribution: Attribution
) -> Claim:
    """ "Im Département sollen drei Lagerhallen abgebrannt sein.": reportative "sollen"."""
    doc = context.doc
    char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    hedges = _hedges(doc, None, start, end)
    return Claim(
        text=context.text[char_start:char_end],
        span=(char_start, char_end),
        sentence_span=_unit_chars(doc, unit),
        mode="free_indirect",
        certainty="hedged" if hedges else "reported",
        source=attribution.source,
        chain=attribution.chain,
        inherited=True,
        medium=attribution.medium,
        hedges=hedges,
        document_id=context.document_id,
    )


def _main_finite(context: Context, start: int, end: int) -> Token | None:
    doc = context.doc
    segment_start = start
    for index in range(start, end):
        token = doc[index]
        if token.text in _BOUNDARY_TEXTS or _in_any_quote(context, token):
            segment_start = index + 1
            continue
        if is_finite(token) and not _subordinate(doc, segment_start, index):
            return token
    return None


def _konjunktiv(token: Token) -> str | None:
    if Token.has_extension("konjunktiv"):
        value = token._.konjunktiv
        if value in {"I", "II"}:
            return value
    morph = token.morph
    if "Sub" in morph.get("Mood"):
        return "II" if "Past" in morph.get("Tense") else "I"
    return None


def _main_mood(context: Context, start: int, end: int) -> tuple[str | None, bool]:
    """Mood of the first finite verb of a main clause in ``[start, end)``, and whether one exists."""
    doc = context.doc
    segment_start = start
    has_finite = False
    index = start
    while index < end:
        token = doc[index]
        if token.text in _BOUNDARY_TEXTS or _in_any_quote(context, token):
            segment_start = index + 1
            index += 1
            continue
        if is_finite(token):
            has_finite = True
            if not _subordinate(doc, segment_start, index):
                return _konjunktiv(token), True
        index += 1
    return None, has_finite


def _subordinate(doc: Doc, segment_start: int, verb: int) -> bool:
    """Whether the clause that holds ``verb`` starts with a subordinator or relative pronoun,
    or is a verb-first conditional ("Sollte das nicht gelingen, …")."""
    if (
        verb == segment_start
        and doc[verb].lower_ in _CONDITIONAL_VERBS
        and any(t.text == "," for t in doc[verb : min(len(doc), verb + 15)])
    ):
        return True
    for index in range(segment_start, min(verb, segment_start + 3)):
        token = doc[index]
        if token.tag_ in _SUBORDINATORS or token.lower_ in {
            "dass",
            "ob",
            "weil",
            "da",
            "wenn",
            "als",
        }:
            return index == segment_start or doc[segment_start].pos_ == "ADP"
        if token.lower_ in _COORDINATORS:
            continue
        if token.pos_ != "ADP":
            break
    return False


def _main_subject(context: Context, start: int, end: int) -> Source | None:
    """The source-like subject of an assertion (the cleft focus in "Es war X, der …")."""
    doc = context.doc
    limit = (start, end)
    if end - start > 3 and doc[start].lower_ == "es" and doc[start + 1].lemma_ == "sein":
        focus = noun_phrase(doc[start + 2], limit)  # the cleft "Es war X, der …"
        if focus is not None and focus.start == start + 2 and is_source_like(focus):
            return make_source(focus, context.memory)
    for token in doc[start:end]:
        if token.dep_ in {"nsubj", "nsubj:pass"} and token.lower_ not in {"es", "das", "dies"}:
            phrase = phrase_around(token, limit)
            if phrase is not None and is_source_like(phrase) and head_of(phrase).ent_type_ != "LOC":
                return make_source(phrase, context.memory)
            return None
    return None
