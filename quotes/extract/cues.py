"""The reporting vocabulary: words a reporter uses to hand a quote to its speaker.

Built from the cues annotated in PolNeAR train (``cue_text`` in train.jsonl,
8,533 quotes): the head word of every cue seen at least twice, lemmatised,
then widened with common verbs of saying and manner of speaking ("beamed",
"groused") that news uses the same way. ``said`` alone
covers about half of all quotes; ``told``, ``wrote``, ``added``, ``called``,
``according to``, ``asked``, ``tweeted`` and ``continued`` most of the rest.
"""
from __future__ import annotations

#: Verb lemmas that report speech or writing ("said", "told", "tweeted", ...).
SPEECH_VERBS = frozenset(
    """
    say tell write add call continue tweet ask report note state explain respond
    reply describe declare conclude recall argue pledge warn acknowledge suggest
    accuse read promise chant insist admit remark announce predict answer urge
    vow claim shout lament blast joke yell blame assert portray proclaim complain
    agree wonder concede offer muse elaborate exclaim mock dismiss criticize
    question press comment emphasize remember echo vent decry bark
    demand react quip retaliate imply denounce scoff repeat recommend
    condemn pronounce fume testify gush riff surmise protest recount chide
    tout praise thank cite quote post email text boast interject stress observe
    counter retort caution charge contend maintain affirm reiterate confirm deny
    sneer snap rail opine pen scrawl whisper mutter cry scream
    lecture preach swear assure inform advise instruct order reckon figure
    tease taunt jab ridicule lambaste slam hammer knock attack rip berate
    confess allege estimate forecast guess point spin anticipate credit
    beam boom exhort thunder marvel sigh plead implore beg wail groan grumble
    grouse gloat trumpet rant rave bemoan ponder reprise characterize
    """.split()
)

#: Lemmas that count as cues only with a quote as their object or complement
#: ("X called it a disgrace"), never as the frame of a neighbouring quote.
NAMING_VERBS = frozenset("dub label term brand name nickname refer consider".split())

#: Nouns that carry a quote in "a statement that ...", "in a statement: ...".
SPEECH_NOUNS = frozenset(
    """
    statement tweet post message letter email interview remark comment speech
    release memo op-ed column essay note announcement assurance promise pledge
    warning vow claim argument accusation phrase term word words label
    expression slogan narrative description headline
    """.split()
)

#: Verbs that report speech only with their particle or object ("went on",
#: "shot back", "as Kirby put it").
PHRASAL_CUES = frozenset(
    tuple(pair.split("+"))
    for pair in """
    go+on shoot+back fire+back hit+back lash+out chime+in weigh+in speak+out
    put+it tick+off
    speak+up write+back pipe+up cut+in break+in sum+up spell+out
    """.split()
)
