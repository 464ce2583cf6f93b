"""The units' texts, each sentence said once: a sentence several units wrote is attributed to
all of them together instead of being repeated under each."""

import re

from services.reporting.documents.model import Narrative

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\s*\n+\s*")


def sentences(text: str) -> list[str]:
    parts = (part.strip() for part in _SENTENCE_END.split(text))
    return [part.lstrip("-+• ").strip() for part in parts if part.strip(" -+•")]


def _key(sentence: str) -> str:
    return " ".join(sentence.casefold().rstrip(".!;… ").split())


def merge(texts: list[tuple[str, str]]) -> list[Narrative]:
    """(unit, text) pairs in the units' order -> narratives: each unit's own sentences first,
    then each sentence shared by several units once, under all their names."""
    writers: dict[str, list[str]] = {}
    wording: dict[str, str] = {}
    for unit, text in texts:
        for sentence in sentences(text):
            key = _key(sentence)
            wording.setdefault(key, sentence)
            if unit not in writers.setdefault(key, []):
                writers[key].append(unit)
    own: dict[str, list[str]] = {}
    shared: dict[tuple[str, ...], list[str]] = {}
    for key, units in writers.items():
        if len(units) == 1:
            own.setdefault(units[0], []).append(wording[key])
        else:
            shared.setdefault(tuple(units), []).append(wording[key])
    order = list(dict.fromkeys(unit for unit, _ in texts))
    found = [Narrative(units=[u], text=_joined(own[u])) for u in order if u in own]
    found += [Narrative(units=list(units), text=_joined(said)) for units, said in shared.items()]
    return found


def _joined(said: list[str]) -> str:
    return " ".join(s if s[-1] in ".!?…" else f"{s}." for s in said)
