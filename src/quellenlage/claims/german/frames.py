"""Finding the frames of a unit: verbs of saying in use (with their auxiliary reach), the
according-to frames, and colon frames ("Die Polizei: …", "Die Vermutung: …").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quellenlage.claims.german import vocabulary
from quellenlage.claims.german.according import _preposition_frame
from quellenlage.claims.german.content import _has_claim_matter
from quellenlage.claims.german.cues import Cue, noun_lemma, noun_verb_cue, verb_cue
from quellenlage.claims.german.grammar import (
    _attribute_after,
    _clause_around,
    _complement_follows,
    _cue_noun_before,
    _konjunktiv,
    _perfect_infinitive_after,
    _trim_end,
)
from quellenlage.claims.german.marks import _SPEECH_OBJECT_PREPOSITIONS
from quellenlage.claims.german.speakers import is_source_like, noun_phrase, subject_of
from quellenlage.claims.german.state import (
    Context,
    Frame,
    _boundaries,
    _first_source_like,
    _in_any_quote,
    _source,
    _speaking_subject,
)
from quellenlage.claims.german.units import Unit, is_finite
from quellenlage.lang import load

_DE = load("de")
#: Cue verbs that summarise a speech act only with a speaker as subject.
_NAMING_VERBS = _DE.words("naming_verbs")
_ADVERBIAL_SUBORDINATORS = _DE.words("adverbial_subordinators")
#: Verbs that report speech only with their speech object ("spricht von …").
_SPEECH_OBJECT_VERBS = _DE.words("speech_object_verbs")


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


def _is_cue_in_use(context: Context, cue: Cue, unit: Unit, boundaries: set[int]) -> bool:
    """Whether a cue word actually introduces a claim here (not "teilen", not a noun use)."""
    head = cue.head
    doc = context.doc
    if cue.lemma == "wollen" and (_konjunktiv(head) is not None or head.tag_ != "VMFIN"):
        return False  # "er wolle …" carries reported speech on; it is not a new cue
    if cue.lemma == "wollen" and not _wants_to_have_said(doc, head, unit, boundaries):
        return False  # "Die Reederei will 700 Millionen Euro investieren": an intention
    if cue.lemma in _SPEECH_OBJECT_VERBS and not _speech_object_in_clause(
        doc, cue, unit, boundaries
    ):
        return False  # "spricht über …", "sprechen Spanisch": a topic or a language
    if cue.kind == "verb" and " " not in cue.lemma:
        left, right = _clause_around(head.i, unit, boundaries)
        clause = doc[left:right]
        first = doc[left] if left < right else head
        # "Wie die Zeitung berichtet, …" is tagged PWAV too, but it attributes
        relative = first.tag_ in {"PRELS", "PRELAT", "PWAV", "PWS"} and first.lower_ != "wie"
        if relative or first.lower_ in _ADVERBIAL_SUBORDINATORS:
            return False  # a cue inside a relative or adverbial clause
        attributive = head.i + 1 < len(doc) and doc[head.i + 1].pos_ in {"NOUN", "PROPN"}
        if attributive and (
            (head.tag_ == "ADJA" and head.dep_ == "amod")
            or (
                head.tag_ in {"VVPP", "ADJA"}
                and head.i > 0
                and doc[head.i - 1].pos_ in {"DET", "ADJ"}
            )
        ):
            # an adjectival participle: "die so genannten Hybride", "die seit Tagen
            # erwartete Bodenoffensive"
            return False
        if attributive and _inflected_before_noun(doc, head, clause):
            return False  # the same, tagged as a finite verb beside the clause's own verb
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
        if passive and _noun_infinitive(doc, head, right, unit.end):
            return False  # "Kritisiert wurde ihre Entscheidung, … zu untersagen"
    if cue.lemma in vocabulary.CLAUSE_ONLY_VERBS:
        left, right = _clause_around(head.i, unit, boundaries)
        after = context.doc[right] if right < unit.end else None
        before = context.doc[left - 1] if left - 1 >= unit.start else None
        clause = (after is not None and after.text in {",", ":", "„", '"', "»", "“"}) or (
            before is not None and before.text in {",", "“", '"', "«", "”"}
        )
        return clause or cue.lemma not in vocabulary.NOT_REPORTED_VERBS
    return True


def _inflected_before_noun(doc: Doc, head: Token, clause) -> bool:
    """ "startete die seit Tagen erwartete Bodenoffensive": an inflected participle form
    right before a noun, after an article in the same phrase, while the clause has another
    finite verb, modifies the noun."""
    if head.tag_ != "VVFIN" or not head.lower_.endswith(("te", "ten", "ter", "tes", "tem")):
        return False
    if not any(is_finite(t) and t.i != head.i for t in clause):
        return False
    for k in range(head.i - 1, max(clause.start, head.i - 6) - 1, -1):
        if doc[k].tag_ == "ART":
            return True
        if doc[k].pos_ not in {"ADP", "NOUN", "ADV", "ADJ", "NUM", "PROPN"}:
            return False
    return False


def _wants_to_have_said(doc: Doc, head: Token, unit: Unit, boundaries: set[int]) -> bool:
    """ "will es gesehen haben" claims (a perfect infinitive), "will bekannt geben" announces
    (an infinitive of saying); "will investieren" only intends: no speech act."""
    _, right = _clause_around(head.i, unit, boundaries)
    if _perfect_infinitive_after(doc, head, right):
        return True
    return any(
        doc[k].tag_ in {"VVINF", "VVIZU"} and verb_cue(doc[k], right) is not None
        for k in range(head.i + 1, right)
    )


def _speech_object_in_clause(doc: Doc, cue: Cue, unit: Unit, boundaries: set[int]) -> bool:
    """ "spricht von 300 Toten", "sprach davon, dass …", "Von einem Dammbruch sprach X": the
    verb's speech object is there; or the verb closes a quote ("„…“, sprach er")."""
    head = cue.head
    left, right = _clause_around(head.i, unit, boundaries)
    objects = {*_SPEECH_OBJECT_PREPOSITIONS.get(cue.lemma, ()), "davon"}
    for k in range(left, right):
        # before the verb, a "von" phrase that the parse hangs on a noun is the noun's
        # ("Hunderte von Millionen Menschen … sprechen es")
        token = doc[k]
        on_verb = k > head.i or k == left or token.head.head == head or token.head == head
        if token.lower_ in objects and on_verb:
            return True
    before = doc[left - 1] if left - 1 >= unit.start else None
    return before is not None and before.text == "," and left == head.i


def _noun_infinitive(doc: Doc, head: Token, index: int, limit: int) -> bool:
    """The infinitive clause after the passive cue's clause completes the subject noun ("ihre
    Entscheidung, … zu untersagen"): what was decided, not what anybody said. The passive
    subject is what the cue evaluates, so nobody is reported."""
    if not _complement_follows(doc, index, limit):
        return False
    marker = next(
        (
            doc[k]
            for k in range(index + 1, min(limit, index + 15))
            if doc[k].tag_ in {"PTKZU", "VVIZU"}
        ),
        None,
    )
    verb = marker.head if marker is not None and marker.tag_ == "PTKZU" else marker
    noun = verb.head if verb is not None else None
    return (
        noun is not None
        and noun.pos_ in {"NOUN", "PROPN"}
        and noun.dep_ in {"nsubj", "nsubj:pass"}
        and noun.head == head
    )


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
                medium=vocabulary.CUE_NOUNS.get(lemma, "unknown"),
                hedge=lemma in vocabulary.HEDGE_NOUNS,
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
