"""The roles of a verb frame: source (subject or linear position), its chain of cited
sources, and the addressee.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from quellenlage.claims.german import vocabulary
from quellenlage.claims.german.cues import is_cue_noun
from quellenlage.claims.german.grammar import (
    _BOUNDARY_TEXTS,
    _FINAL_PUNCT,
    _attribute_after,
    _clause_start,
    _first_position_subject,
    _is_berufung,
    _np_token,
)
from quellenlage.claims.german.marks import _SPEECH_OBJECT_PREPOSITIONS
from quellenlage.claims.german.speakers import (
    head_of,
    is_source_like,
    noun_phrase,
    phrase_around,
    subject_of,
)
from quellenlage.claims.german.state import (
    Context,
    Frame,
    _first_source_like,
    _in_any_quote,
    _source,
)
from quellenlage.claims.german.units import is_finite
from quellenlage.records import Mention, Source


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
        if phrase is None:
            _carry_on(context, frame)
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
    frame.chain = [*frame.chain, *cited, *_frame_chain(context, frame, phrase)]
    frame.addressee = _addressee(context, frame)


def _carry_on(context: Context, frame: Frame) -> None:
    """ "…, hieß es weiter.": the impersonal cue goes on with the source still open (or,
    with "weiter", the last source of the last units)."""
    doc = context.doc
    further = any(doc[k].lower_ == "weiter" for k in range(frame.start, frame.end))
    carried = context.active
    if further and carried is None:
        carried = context.recent_attribution()
    if carried is None or carried.source is None:
        return
    # no mention of it in this sentence: the source without a span (the impersonal "es"
    # names nobody), as the data set annotates it
    frame.source = replace(carried.source, span=None)
    frame.chain = list(carried.chain)
    frame.link = "connective"


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
            after_cue = frame.cue.head.i < phrase.start
            closes_frame = close == frame.end and after_cue
            # "sagte Thomas Berger, Sprecher des Hilfswerks, in Genf": after the verb, a
            # comma-enclosed noun phrase without a verb is the speaker's apposition
            enclosed = after_cue and close < frame.end and doc[close].text == ","
            if (
                (
                    close + 1 not in cue_tokens | {frame.cue.head.i}
                    and not closes_frame
                    and not enclosed
                )
                or any(is_finite(doc[k]) for k in range(end + 1, close))
                or doc[end + 1].pos_ not in {"DET", "ADJ", "NOUN", "PROPN", "NUM"}
            ):
                break
            end = close
        else:
            break
    end = max(end, _prefield_end(context, phrase, frame))
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


#: What may stand inside a subject noun phrase in the prefield, besides nouns and names.
_PREFIELD_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "ADP", "X", "CCONJ", "PUNCT"})


def _prefield_end(context: Context, phrase: Span, frame: Frame) -> int:
    """ "Der Fraktionsvorsitzende im Landtag, Peter Hansen, sagte": in a main clause the
    finite verb follows one constituent, so a subject that opens the clause runs up to the
    verb, attributes and appositions included. Only noun-phrase material qualifies (no verb,
    no subordinate clause, no quote); returns ``phrase.end`` otherwise."""
    doc = context.doc
    head = frame.cue.head
    start = phrase.start
    while start > frame.start and doc[start - 1].lower_ in {"auch", "so", "und"}:
        start -= 1
    if start != frame.start or not is_finite(head) or head.i <= phrase.end:
        return phrase.end
    if min(t.i for t in frame.cue.tokens) != head.i or head.i - phrase.end > 12:
        return phrase.end
    gap = range(phrase.end, head.i)
    if any(
        doc[k].pos_ not in _PREFIELD_POS
        or doc[k].text in {":", ";", "–", "—"} | _QUOTE_MARKS
        or doc[k].tag_ in {"KOUS", "PRELS", "PWAV"}
        for k in gap
    ):
        return phrase.end
    end = head.i
    while end > phrase.end and doc[end - 1].text == ",":
        end -= 1
    return end


_QUOTE_MARKS = frozenset('„“”"»«‚‘')


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
        # "Dies teilte das Ministerium mit": the demonstrative standing for what was said is
        # the object, whatever the parse says; the source follows the verb.
        anaphoric = begin + 1 == first_cue and doc[begin].lower_ in vocabulary.ANAPHORIC_OBJECTS
        # "… gewarnt und Israel dazu aufgefordert": a conjunct without a finite verb of its
        # own shares the first conjunct's subject; the phrase in it is an object
        shared = doc[frame.start].lower_ in {"und", "sowie"} and not any(
            is_finite(doc[k]) for k in range(begin, frame.end)
        )
        if begin < first_cue and not anaphoric and not shared:
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
    if frame.cue.lemma not in vocabulary.ADDRESSING_VERBS:
        return None
    wanted = "Acc" if frame.cue.lemma in vocabulary.ACCUSATIVE_ADDRESSEE_VERBS else "Dat"
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
