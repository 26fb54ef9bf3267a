"""SnowNLP's sentiment classifier, reproduced over precomputed tables so that a whole batch of
sentences is read at numpy speed instead of through SnowNLP's pure-Python Viterbi.

SnowNLP (``snownlp.sentiment.classify``) reads a sentence in three steps; each is reproduced
here from SnowNLP's own model files, read from the installed package (so the answers follow
its version), without importing ``snownlp``, whose ``__init__`` loads every model it has
(about 400 MB):

1. Segmentation (``snownlp.seg.seg``). The sentence splits into runs of Han characters
   (U+4E00..U+9FA5) and the rest, which splits on whitespace into words. Each Han run is
   tagged character by character with b/m/e/s (begin, middle, end of a word, single) by a
   second-order HMM (``seg/y09_2047.py``): Viterbi over (tag before, tag) states with the
   transition score ``log(l1 P(c,t) + l2 P(c,t | c',t') + l3 P(c,t | c'',t'',c',t'))`` from
   character-and-tag n-gram counts. A word ends after an ``e`` and starts at ``b`` or ``s``.
2. Stop words (``normal/stopwords.txt``) are dropped.
3. Naive Bayes over the remaining words with add-one counts (``classification/bayes.py``):
   ``p(positive) = 1 / (1 + exp(score_neg - score_pos))``, ``score_k = log P(k) +
   sum(log P(word | k))``.

Every score SnowNLP can compute for an n-gram seen in training is precomputed with
``math.log`` from the same counts in the same order of operations, and the Viterbi runs for
every Han run of a batch at once, one character position at a time, so the tags are
SnowNLP's exactly. Two quirks of its Viterbi change its answers and are kept: ties keep the
first candidate in b, m, e, s order; and a character it never saw takes every tag at no
cost, each (tag before, tag) state inheriting the score of the state listed last for that
tag before (whose own tag before is ``s``, or the start), not the best one. Only the naive
Bayes sums are added in another order (a rounding difference of ~1e-14 in p).

Building the tables reads SnowNLP's 13 MB segmentation model into ~350 MB of Python objects
for a few seconds; they are kept in an ``.npz`` file under ``cache_dir`` (named by a hash of
SnowNLP's files), which later processes load in a fraction of a second.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import logging
import marshal
import math
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["SnowNLPSentiment", "sentences"]

logger = logging.getLogger(__name__)

_FORMAT = 1  # bump when the tables' layout changes, so old cache files are not read
_MODEL_FILES = ("seg/seg.marshal.3", "sentiment/sentiment.marshal.3", "normal/stopwords.txt")
_HAN_FIRST, _HAN_LAST = 0x4E00, 0x9FA5
_HAN_WORD = re.compile("[\u4e00-\u9fa5]{1,4}")
_LINE_BREAK = re.compile("[\r\n]")
_DELIMITER = re.compile("[，。？！；]")
# Code points that str.split() splits on (all below U+3001).
_SPACES = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)
_UNKNOWN, _BOS = 0, 1  # character ids; characters seen in training are numbered from 2
_B, _E, _S = 0, 2, 3  # tag indices in SnowNLP's order b, m, e, s
# A batch takes ~300 bytes per Han character: bound it to ~20 MB.
_BATCH_CHARS = 64_000


def sentences(text: str) -> list[str]:
    """``snownlp.normal.get_sentences``: lines cut at ，。？！；, stripped, empty ones dropped."""
    found = []
    for line in _LINE_BREAK.split(text):
        for sentence in _DELIMITER.split(line.strip()):
            sentence = sentence.strip()
            if sentence:
                found.append(sentence)
    return found


def _spans(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the runs of True in ``mask``."""
    edges = np.diff(np.concatenate(([0], mask.view(np.int8), [0])))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def _word_key(word: str) -> int:
    """The int64 that ``_word_keys`` gives a word of 1-4 Han characters."""
    return sum((ord(char) - _HAN_FIRST + 1) << (15 * i) for i, char in enumerate(word))


def _word_keys(chars: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``_word_key`` of each word of ``chars`` (Han code points); -1 for words over 4 long."""
    position = np.arange(len(chars)) - np.repeat(starts, lengths)
    offsets = chars.astype(np.int64) - _HAN_FIRST + 1
    parts = np.where(position < 4, offsets << (15 * np.minimum(position, 3)), 0)
    keys = np.add.reduceat(parts, starts)
    keys[lengths > 4] = -1
    return keys


class SnowNLPSentiment:
    """``snownlp.sentiment.classify`` for a batch of sentences (see the module doc)."""

    def __init__(self, tables: dict[str, np.ndarray]) -> None:
        self._t = tables
        self._width = int(tables["width"])
        self._strings = dict(zip(tables["string_words"].tolist(), tables["string_rows"].tolist()))

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> SnowNLPSentiment:
        """The tables from ``cache_dir`` if they were built for the installed SnowNLP's files,
        else built now (seconds) and saved there; a cache that cannot be written is skipped."""
        package = _package_dir()
        digest = hashlib.sha256(str(_FORMAT).encode())
        for name in _MODEL_FILES:
            digest.update((package / name).read_bytes())
        path = cache_dir / f"snownlp-sentiment-{digest.hexdigest()[:16]}.npz" if cache_dir else None
        if path is not None and path.exists():
            with np.load(path) as stored:
                return cls(dict(stored))
        tables = _build(package)
        if path is not None:
            _save(path, tables)
        return cls(tables)

    def classify(self, batch: list[str]) -> list[float]:
        """p(positive) of each sentence, as ``snownlp.sentiment.classify`` gives it."""
        ends = np.cumsum(np.fromiter(map(len, batch), dtype=np.int64, count=len(batch)))
        cuts = [0, *np.searchsorted(ends, np.arange(_BATCH_CHARS, ends[-1] if len(ends) else 0,
                                                    _BATCH_CHARS)).tolist(), len(batch)]
        found: list[float] = []
        for start, end in zip(cuts, cuts[1:]):
            if end > start:
                found.extend(self._classify(batch[start:end]).tolist())
        return found

    def _classify(self, batch: list[str]) -> np.ndarray:
        # One string for the batch: a line break between sentences ends every run and word.
        joined = "\n".join(batch)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        lengths = np.fromiter(map(len, batch), dtype=np.int64, count=len(batch))
        sentence_starts = np.cumsum(lengths + 1) - lengths - 1
        han = (codes >= _HAN_FIRST) & (codes <= _HAN_LAST)
        run_starts, run_ends = _spans(han)
        chars = codes[han]
        word_starts, word_lengths = self._cut(chars, run_ends - run_starts)
        rows = [self._han_rows(chars, word_starts, word_lengths)]
        positions = [np.flatnonzero(han)[word_starts]]
        token_starts, token_ends = _spans(~han & ~np.isin(codes, _SPACES))
        tokens = [joined[a:b] for a, b in zip(token_starts.tolist(), token_ends.tolist())]
        unseen = int(self._t["unseen"])
        rows.append(np.array([self._strings.get(t, unseen) for t in tokens], dtype=np.int64))
        positions.append(token_starts)
        sentence = np.searchsorted(sentence_starts, np.concatenate(positions), side="right") - 1
        return self._probabilities(np.concatenate(rows), sentence, len(batch))

    def _cut(self, chars: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(start, length) of each word of the Han runs ``chars`` (SnowNLP's cut: a word ends
        after ``e`` and starts at ``b`` or ``s``)."""
        if not len(lengths):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        tags = self._tag(chars, lengths)
        begins = (tags == _B) | (tags == _S)
        begins[1:] |= tags[:-1] == _E
        begins[np.cumsum(lengths) - lengths] = True
        starts = np.flatnonzero(begins)
        return starts, np.diff(np.append(starts, len(tags)))

    def _han_rows(self, chars: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The naive-Bayes row of each Han word."""
        if not len(starts):
            return np.zeros(0, dtype=np.int64)
        keys = _word_keys(chars, starts, lengths)
        known, rows = self._t["han_keys"], self._t["han_rows"]
        at = np.minimum(np.searchsorted(known, keys), len(known) - 1)
        found = rows[at]
        found[known[at] != keys] = int(self._t["unseen"])
        for index in np.flatnonzero(lengths > 4).tolist():
            word = chars[starts[index] : starts[index] + lengths[index]].tobytes()
            found[index] = self._strings.get(word.decode("utf-32-le"), int(self._t["unseen"]))
        return found

    def _probabilities(self, rows: np.ndarray, sentence: np.ndarray, count: int) -> np.ndarray:
        logs = self._t["word_logs"][rows]
        scores = self._t["prior"] + np.stack(
            [np.bincount(sentence, weights=logs[:, k], minlength=count) for k in (0, 1)], axis=1
        )
        # SnowNLP: each class's 1 / sum(exp(other - own)), 0 on overflow; the likelier class
        # wins, and a negative answer p is reported as 1 - p.
        with np.errstate(over="ignore"):
            negative = 1.0 / (1.0 + np.exp(scores[:, 1] - scores[:, 0]))
            positive = 1.0 / (np.exp(scores[:, 0] - scores[:, 1]) + 1.0)
        return np.where(positive > negative, positive, 1.0 - negative)

    def _tag(self, chars: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The tag index (b, m, e, s = 0..3) of every character of the Han runs ``chars``."""
        ids = self._t["char_ids"][chars - _HAN_FIRST]
        starts = np.cumsum(lengths) - lengths
        position = np.arange(len(ids)) - np.repeat(starts, lengths)
        before = np.where(position >= 1, np.roll(ids, 1), _BOS)
        before_that = np.where(position >= 2, np.roll(ids, 2), _BOS)
        # Position-major order (every run's first character, longest run first, then every
        # second character...): each Viterbi step reads one contiguous slice.
        by_length = np.argsort(-lengths, kind="stable")
        rank = np.empty_like(by_length)
        rank[by_length] = np.arange(len(lengths))
        going = np.bincount(lengths, minlength=int(lengths.max()) + 1)[::-1].cumsum()[::-1][1:]
        steps = np.concatenate(([0], np.cumsum(going)))
        order = np.empty_like(ids)
        order[steps[position] + np.repeat(rank, lengths)] = np.arange(len(ids))
        base, overrides = self._transitions(before_that[order], before[order], ids[order])
        tags = np.empty_like(ids)
        tags[order] = _viterbi(base, overrides, self._t["known"][ids[order]], going)
        return tags

    def _transitions(
        self, c1: np.ndarray, c2: np.ndarray, c3: np.ndarray
    ) -> tuple[np.ndarray, _Overrides]:
        """The scores of (t1, t2, t3) at each position: (characters, 16) of (t2, t3), the
        unigram score unless the character bigram was seen, the same for every t1; and
        the trigram scores that replace it for one t1 where the trigram was seen."""
        base = np.tile(self._t["unigram"][c3], (1, 4))
        rows, cells, logs = self._find("bigram", c2 * self._width + c3)
        base[rows, cells] = logs
        rows, cells, logs = self._find("trigram", (c1 * self._width + c2) * self._width + c3)
        return base, _Overrides.group(rows, cells, logs, len(c3))

    def _find(self, name: str, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every stored (query position, cell, log score) of the n-grams ``queries``: n-gram
        ``keys[i]`` owns entries ``ptr[i]:ptr[i+1]``."""
        keys, ptr = self._t[f"{name}_keys"], self._t[f"{name}_ptr"]
        # In ascending order the binary searches walk the table's memory in order: faster.
        ascending = np.argsort(queries, kind="stable")
        at = np.empty_like(ascending)
        at[ascending] = np.minimum(np.searchsorted(keys, queries[ascending]), len(keys) - 1)
        found = np.flatnonzero(keys[at] == queries)
        owner, entries = _ranges(ptr[at[found]], ptr[at[found] + 1])
        return (found[owner], self._t[f"{name}_cells"][entries].astype(np.int64),
                self._t[f"{name}_logs"][entries])


def _ranges(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(i, index) for every index of every range ``starts[i]:ends[i]``."""
    counts = ends - starts
    owner = np.repeat(np.arange(len(starts)), counts)
    return owner, np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())


@dataclass(frozen=True)
class _Overrides:
    """Trigram scores, each replacing the bigram-level score of one (position, t1, t2, t3),
    grouped by cell (position * 16 + t2 * 4 + t3, ascending): cell ``keys[i]`` owns entries
    ``ptr[i]:ptr[i+1]`` of ``before`` (t1) and ``logs``; ``cell[e]`` is entry e's cell and
    ``marked[position, t2 * 4 + t3]`` says which cells have any."""

    keys: np.ndarray
    ptr: np.ndarray
    cell: np.ndarray
    before: np.ndarray
    logs: np.ndarray
    marked: np.ndarray

    @classmethod
    def group(cls, rows: np.ndarray, cells: np.ndarray, logs: np.ndarray, size: int) -> _Overrides:
        cell = rows * 16 + cells % 16
        order = np.argsort(cell, kind="stable")
        keys, first, counts = np.unique(cell[order], return_index=True, return_counts=True)
        marked = np.zeros((size, 16), dtype=bool)
        marked.reshape(-1)[keys] = True
        return cls(keys, np.append(first, len(cell)), np.repeat(np.arange(len(keys)), counts),
                   cells[order] // 16, logs[order], marked)


def _viterbi(
    base: np.ndarray, overrides: _Overrides, known: np.ndarray, going: np.ndarray
) -> np.ndarray:
    """The best tags of many runs at once, in the position-major order of ``_tag``: step j
    reads the ``going[j]`` runs longer than j. States are (tag before, tag); the start is
    (start, start) with the start at index 0, so that the first best of the candidates in
    index order is SnowNLP's first-listed-wins. Where no trigram replaces a score, the best
    of a state is the best state before it plus the shared score: the rounding of x + s
    never reverses an order, so that is the same number as the best of the sums."""
    steps = _Steps(going, known, overrides)
    chosen = np.zeros(base.shape, dtype=np.int8)  # tag before last, where trigrams were
    delta = np.full((steps.count[0], 4, 4), -np.inf)
    delta[:, 0, 0] = 0.0
    deltas, final = [delta], np.zeros(steps.count[0], dtype=np.int64)
    for j, (start, count) in enumerate(zip(steps.start, steps.count)):
        d = delta[:count]
        most = np.maximum(np.maximum(d[:, 0], d[:, 1]), np.maximum(d[:, 2], d[:, 3]))
        best = most[:, :, None] + base[start : start + count].reshape(-1, 4, 4)
        if steps.cells[j + 1] > steps.cells[j]:
            _replace(best, chosen, d, base, overrides, steps.cells[j], steps.cells[j + 1], start)
        if steps.unseen[j]:
            unseen = ~known[start : start + count]
            best[unseen] = d[unseen, _inherited(j), :, None]
        delta = best
        deltas.append(delta)
        if steps.count[j + 1] < count:
            # SnowNLP keeps the first best of its states, listed by (tag, tag before).
            ending = delta[steps.count[j + 1] :]
            final[steps.count[j + 1] : count] = (
                ending.transpose(0, 2, 1).reshape(-1, 16).argmax(axis=1)
            )
    return _backtrack(base, overrides.marked, chosen, known, steps, deltas, final)


class _Steps:
    """Where each Viterbi step's characters start and how many there are (``count`` ends
    with 0), the bounds of its trigram cells, and whether it has unseen characters; as
    Python lists, read once per step."""

    def __init__(self, going: np.ndarray, known: np.ndarray, overrides: _Overrides) -> None:
        starts = np.concatenate(([0], np.cumsum(going)))
        self.start, self.count = starts[:-1].tolist(), going.tolist() + [0]
        self.cells = np.searchsorted(overrides.keys, starts * 16).tolist()
        self.unseen = np.logical_or.reduceat(~known, starts[:-1]).tolist()


def _replace(best: np.ndarray, chosen: np.ndarray, delta: np.ndarray, base: np.ndarray,
             overrides: _Overrides, first: int, last: int, start: int) -> None:
    """The best of the states whose cells ``first:last`` have trigram scores, from all four
    candidates, and the tag before last that wins there."""
    keys = overrides.keys[first:last]
    rows, t2, t3 = keys // 16 - start, keys % 16 // 4, keys % 4
    candidates = delta[rows, :, t2] + base[start + rows, t2 * 4 + t3][:, None]
    entries = slice(overrides.ptr[first], overrides.ptr[last])
    k, t1 = overrides.cell[entries] - first, overrides.before[entries]
    candidates[k, t1] = delta[rows[k], t1, t2[k]] + overrides.logs[entries]
    most = candidates.max(axis=1)
    best[rows, t2, t3] = most
    chosen[start + rows, t2 * 4 + t3] = (candidates == most[:, None]).argmax(axis=1)


def _inherited(j: int) -> int:
    """The tag before last whose state an unseen character at position j inherits."""
    return 0 if j <= 1 else _S


def _backtrack(
    base: np.ndarray, marked: np.ndarray, chosen: np.ndarray, known: np.ndarray,
    steps: _Steps, deltas: list[np.ndarray], final: np.ndarray,
) -> np.ndarray:
    """Tags from the last position back. The tag before last of the best path into state
    (tag before, tag) is recomputed for that state only, the first candidate whose score
    equals the state's (the same sums, so the same bits as in the forward pass), or taken
    from the forward pass where trigram scores were."""
    tags = np.empty(base.shape[0], dtype=np.int64)
    tag, before = final // 4, final % 4
    for j in range(len(steps.start) - 1, -1, -1):
        start, count = steps.start[j], steps.count[j]
        rows, t2, t3 = np.arange(count), before[:count], tag[:count]
        positions, cells = start + rows, t2 * 4 + t3
        tags[start : start + count] = t3
        candidates = deltas[j][rows, :, t2] + base[positions, cells][:, None]
        earlier = (candidates == deltas[j + 1][rows, t2, t3][:, None]).argmax(axis=1)
        if steps.cells[j + 1] > steps.cells[j]:
            replaced = marked[positions, cells]
            earlier[replaced] = chosen[positions[replaced], cells[replaced]]
        if steps.unseen[j]:
            earlier[~known[start : start + count]] = _inherited(j)
        tag[:count], before[:count] = t2, earlier
    return tags


def _package_dir() -> Path:
    spec = importlib.util.find_spec("snownlp")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("snownlp is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _load_marshal(path: Path) -> dict:
    """SnowNLP's model file as its own loader reads it (gzipped marshal, or plain marshal)."""
    raw = path.read_bytes()
    try:
        raw = gzip.decompress(raw)
    except OSError:
        pass
    return marshal.loads(raw)


def _save(path: Path, tables: dict[str, np.ndarray]) -> None:
    """Write atomically, so a process starting meanwhile never reads half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as file:
            np.savez(file, **tables)
        os.replace(file.name, path)
    except OSError as error:
        logger.warning("SnowNLP tables not cached in %s: %s", path.parent, error)


def _build(package: Path) -> dict[str, np.ndarray]:
    segmentation = _load_marshal(package / "seg" / "seg.marshal.3")
    if tuple(segmentation["status"]) != ("b", "m", "e", "s"):
        raise ValueError("unexpected SnowNLP segmentation tags")
    tables = _segmentation_tables(segmentation)
    del segmentation  # ~350 MB of Python objects
    text = (package / "normal" / "stopwords.txt").read_text(encoding="utf-8")
    stop_words = {line.strip() for line in text.splitlines()}
    model = _load_marshal(package / "sentiment" / "sentiment.marshal.3")
    tables.update(_bayes_tables(model, stop_words))
    return tables


def _encode(parts: list[str], order: int, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(character id, tag index) of each of n keys of ``order`` (character, tag) pairs given
    flat as [char, tag, char, tag, ...]; id -1 for a character that is not a model Han one."""
    codes = np.array(parts, dtype="U1").view(np.uint32).reshape(-1, order, 2)
    chars, tags = codes[..., 0], codes[..., 1]  # tags by first letter: b m e s, B(OS)
    tag_index = np.zeros(128, dtype=np.int64)
    tag_index[[ord("m"), ord("e"), ord("s")]] = [1, 2, 3]
    return np.where(chars < len(ids), ids[np.minimum(chars, len(ids) - 1)], -1), tag_index[tags]


def _mapped(table: dict, order: int, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(character ids (n, order), tags (n, order), counts) of the n-gram counts whose
    characters are all model Han characters or the start."""
    keys = table if order > 1 else ((key,) for key in table)
    char, tag = _encode([part for key in keys for pair in key for part in pair], order, ids)
    counts = np.fromiter(table.values(), float, len(table))
    kept = (char >= 0).all(axis=1)
    return char[kept], tag[kept], counts[kept]


def _logs(values: np.ndarray) -> np.ndarray:
    # math.log as SnowNLP takes it: numpy's vectorised log may differ in the last bit.
    return np.array(list(map(math.log, values.tolist())))


class _Terms:
    """The terms of ``log_prob``, vectorised, each computed with SnowNLP's operations in its
    order (numpy's + * / round as Python's): l1 P(c,t), l2 P(c,t | c',t'),
    l3 P(c,t | c'',t'',c',t')."""

    def __init__(self, model: dict, ids: np.ndarray, width: int) -> None:
        self.total, self.l1, self.l2, self.l3 = (model["uni"]["total"], model["l1"],
                                                 model["l2"], model["l3"])
        self.width = width
        self.counts = np.zeros((width, 4))
        char, tag, counts = _mapped(model["uni"]["d"], 1, ids)
        self.counts[char[:, 0], tag[:, 0]] = counts
        self.bigram_chars, self.bigram_tags, counts = _mapped(model["bi"]["d"], 2, ids)
        keys = self._pair(self.bigram_chars[:, 0], self.bigram_tags[:, 0],
                          self.bigram_chars[:, 1], self.bigram_tags[:, 1])
        order = np.argsort(keys)
        self._pairs, self._pair_counts = keys[order], counts[order]

    def _pair(self, c1: np.ndarray, t1: np.ndarray, c2: np.ndarray, t2: np.ndarray) -> np.ndarray:
        return (c1 * 4 + t1) * self.width * 4 + c2 * 4 + t2

    def _pair_count(self, *pair: np.ndarray) -> np.ndarray:
        """Counts of (character, tag) pairs that were seen in training."""
        return self._pair_counts[np.searchsorted(self._pairs, self._pair(*pair))]

    def unigram(self, c: np.ndarray, t: np.ndarray) -> np.ndarray:
        return self.l1 * (self.counts[c, t] / self.total)

    def bigram(self, c2: np.ndarray, t2: np.ndarray, c3: np.ndarray, t3: np.ndarray) -> np.ndarray:
        return self.l2 * self._pair_count(c2, t2, c3, t3) / self.counts[c2, t2]

    def trigram(
        self, c1: np.ndarray, t1: np.ndarray, c2: np.ndarray, t2: np.ndarray, count: np.ndarray
    ) -> np.ndarray:
        return self.l3 * count / self._pair_count(c1, t1, c2, t2)


def _ngram_arrays(name: str, keys: np.ndarray, cells: np.ndarray, logs: np.ndarray) -> dict:
    """Entries grouped by key: key ``i`` of ``{name}_keys`` owns ``ptr[i]:ptr[i+1]``."""
    order = np.argsort(keys, kind="stable")
    unique, first = np.unique(keys[order], return_index=True)
    return {f"{name}_keys": unique, f"{name}_ptr": np.append(first, len(keys)),
            f"{name}_cells": cells[order].astype(np.uint8), f"{name}_logs": logs[order]}


def _segmentation_tables(model: dict) -> dict[str, np.ndarray]:
    """Every score ``CharacterBasedGenerativeModel.log_prob`` can give inside a Han run:
    log(unigram), log(unigram + bigram) where the bigram was seen, log(unigram + bigram +
    trigram) where the trigram was seen (the other terms are then 0)."""
    uni = model["uni"]["d"]
    chars = sorted({c for c, _ in uni if len(c) == 1 and _HAN_FIRST <= ord(c) <= _HAN_LAST})
    width = len(chars) + 2
    ids = np.full(_HAN_LAST + 1, -1, dtype=np.int64)  # code point -> id; "" reads as 0: BOS
    ids[0] = _BOS
    ids[[ord(c) for c in chars]] = np.arange(2, width)
    terms = _Terms(model, ids, width)
    seen = terms.counts > 0
    seen[_BOS] = False
    unigram = np.full((width, 4), -np.inf)
    unigram[seen] = _logs(terms.unigram(*np.nonzero(seen)))

    real = terms.bigram_chars[:, 1] != _BOS
    (c2, c3), (t2, t3) = terms.bigram_chars[real].T, terms.bigram_tags[real].T
    sums = terms.unigram(c3, t3) + terms.bigram(c2, t2, c3, t3)
    tables = _ngram_arrays("bigram", c2 * width + c3, t2 * 4 + t3, _logs(sums))

    char, tag, counts = _mapped(model["tri"]["d"], 3, ids)
    real = char[:, 2] != _BOS
    (c1, c2, c3), (t1, t2, t3) = char[real].T, tag[real].T
    sums = (terms.unigram(c3, t3) + terms.bigram(c2, t2, c3, t3)
            + terms.trigram(c1, t1, c2, t2, counts[real]))
    tables.update(_ngram_arrays("trigram", (c1 * width + c2) * width + c3,
                                t1 * 16 + t2 * 4 + t3, _logs(sums)))
    tables.update(char_ids=np.maximum(ids[_HAN_FIRST:], _UNKNOWN), unigram=unigram,
                  known=np.isfinite(unigram).any(axis=1), width=np.array(width))
    return tables


def _bayes_tables(model: dict, stop_words: set[str]) -> dict[str, np.ndarray]:
    """``Bayes.classify``'s terms: log(count / class total), add-one counts (unseen: 1).
    Words of 1-4 Han characters are found by ``_word_key``, other words by their string."""
    classes = model["d"]
    if sorted(classes) != ["neg", "pos"]:
        raise ValueError(f"unexpected SnowNLP sentiment classes {sorted(classes)}")
    totals = [classes[k]["total"] for k in ("neg", "pos")]
    counts = [classes[k]["d"] for k in ("neg", "pos")]
    words = sorted((set(counts[0]) | set(counts[1])) - stop_words)
    logs = [[math.log(float(c.get(w, 1)) / t) for c, t in zip(counts, totals)] for w in words]
    unseen, stop = len(words), len(words) + 1
    logs += [[math.log(1.0 / t) for t in totals], [0.0, 0.0]]
    rows = {word: row for row, word in enumerate(words)} | dict.fromkeys(sorted(stop_words), stop)
    han = sorted((_word_key(w), row) for w, row in rows.items() if _HAN_WORD.fullmatch(w))
    strings = [(w, row) for w, row in rows.items() if not _HAN_WORD.fullmatch(w)]
    return {
        "han_keys": np.array([key for key, _ in han], dtype=np.int64),
        "han_rows": np.array([row for _, row in han], dtype=np.int64),
        "string_words": np.array([w for w, _ in strings], dtype=str),
        "string_rows": np.array([row for _, row in strings], dtype=np.int64),
        "word_logs": np.array(logs),
        "prior": np.array([math.log(t) - math.log(model["total"]) for t in totals]),
        "unseen": np.array(unseen),
    }
