"""How one version of a statement words it, word by word, against the earliest version."""
from __future__ import annotations

import difflib
import string

WORD_LABELS = ("same", "changed", "extra", "omitted")


def _comparable(word: str) -> str:
    return word.strip(string.punctuation + "“”‘’«»…").replace("’", "'").lower()


def compare_wording(reference: str, version: str) -> list[tuple[str, str]]:
    """The words of ``version``, each labelled against the ``reference`` wording.

    "same": also in the reference; "changed": replaces or adds to the
    reference's words; "extra": quoted beyond where the reference starts or
    ends (a longer version of a partial quote is not a departure); "omitted":
    a reference word this version leaves out mid-statement (listed in its
    place). Case and surrounding punctuation are ignored, so only wording
    changes show.

    >>> compare_wording("We will respond, in time.", "we shall respond in time")
    [('we', 'same'), ('shall', 'changed'), ('respond', 'same'), ('in', 'same'), ('time', 'same')]
    >>> compare_wording("we are not seeking war", "we are seeking war")
    [('we', 'same'), ('are', 'same'), ('not', 'omitted'), ('seeking', 'same'), ('war', 'same')]
    >>> compare_wording("louder than words", "Actions speak louder than words.")
    [('Actions', 'extra'), ('speak', 'extra'), ('louder', 'same'), ('than', 'same'), ('words.', 'same')]
    """
    reference_words = reference.split()
    words = version.split()
    matcher = difflib.SequenceMatcher(
        a=[_comparable(w) for w in reference_words],
        b=[_comparable(w) for w in words],
        autojunk=False,
    )
    labelled: list[tuple[str, str]] = []
    for tag, ref_start, ref_end, start, end in matcher.get_opcodes():
        at_an_end = ref_start == 0 or ref_end == len(reference_words)
        if tag == "delete":
            if not at_an_end:
                labelled.extend((word, "omitted") for word in reference_words[ref_start:ref_end])
            continue
        if tag == "equal":
            label = "same"
        elif tag == "insert" and at_an_end:
            label = "extra"
        else:
            label = "changed"
        labelled.extend((word, label) for word in words[start:end])
    return labelled
