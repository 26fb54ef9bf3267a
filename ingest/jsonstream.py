"""Reading the big lists of an export one item at a time.

Exports keep their long lists (posts, comments, reactions, friends, tweets) in single JSON
files that can reach hundreds of megabytes. ``json.load`` would hold the whole file and
every object built from it; here only one item is in memory at a time, so memory depends on
the largest single item, not on the file. Only the top level is streamed:

- a top-level array ``[item, item, ...]``;
- a top-level object whose listed keys hold arrays (``{"friends_v2": [...]}``); other
  values are skipped item by item as well;
- the X/Twitter form ``window.YTD.tweets.part0 = [...]`` (anything before the first
  ``[`` or ``{`` is ignored).
"""
from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

_decoder = json.JSONDecoder()
_WHITESPACE = " \t\r\n"
CHUNK_CHARS = 256 * 1024


class MalformedJSON(ValueError):
    """The file stops being JSON part-way; the items before the fault were delivered."""


class _Text:
    """A growing window of decoded text over a binary stream."""

    def __init__(self, stream: IO[bytes], max_item_chars: int) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.max_item_chars = max_item_chars

    def more(self, size: int = 0) -> bool:
        if self.eof:
            return False
        chunk = self._stream.read(max(size, CHUNK_CHARS))
        if not chunk:
            self.buf = self.buf[self.pos :] + self._decoder.decode(b"", final=True)
            self.pos = 0
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + self._decoder.decode(chunk)
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next non-whitespace character, or '' at the end."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def value(self) -> Any:
        """Decode one JSON value, reading more text until it is complete."""
        while True:
            self.peek()
            try:
                value, end = _decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self.eof:
                    raise MalformedJSON(f"invalid JSON near character {exc.pos}") from exc
                pending = len(self.buf) - self.pos
                if pending > self.max_item_chars:
                    raise MalformedJSON("one item is larger than the reader accepts") from exc
                # Read as much again as is pending, so a large item is retried a
                # logarithmic number of times rather than once per chunk.
                self.more(pending)
                continue
            # A number at the very end of the buffer may continue in the next chunk.
            if end == len(self.buf) and not self.eof and isinstance(value, (int, float)):
                self.more()
                continue
            self.pos = end
            return value

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = self.peek() or "the end of the file"
            raise MalformedJSON(f"expected {char!r} but found {found!r}")
        self.pos += 1


def _array_items(text: _Text) -> Iterator[Any]:
    text.expect("[")
    if text.peek() == "]":
        text.pos += 1
        return
    while True:
        yield text.value()
        following = text.peek()
        if following == ",":
            text.pos += 1
        elif following == "]":
            text.pos += 1
            return
        else:
            raise MalformedJSON(f"expected ',' or ']' but found {following or 'the end of the file'!r}")


def iter_items(
    stream: IO[bytes], keys: tuple[str, ...] = (), *, max_item_chars: int = 16 * 1024 * 1024
) -> Iterator[Any]:
    """Yield the items of the top-level array, or of the arrays under ``keys`` of the
    top-level object. Raises ``MalformedJSON`` where the text stops being JSON; the items
    yielded before that point stand."""
    text = _Text(stream, max_item_chars)
    # Skip a JavaScript assignment prefix such as "window.YTD.tweets.part0 = ".
    while True:
        at = min((i for i in (text.buf.find("[", text.pos), text.buf.find("{", text.pos)) if i >= 0), default=-1)
        if at >= 0:
            text.pos = at
            break
        text.pos = len(text.buf)
        if len(text.buf) > 4096 or not text.more():
            raise MalformedJSON("no JSON array or object found")
    if text.peek() == "[":
        yield from _array_items(text)
        return
    text.expect("{")
    if text.peek() == "}":
        return
    while True:
        key = text.value()
        if not isinstance(key, str):
            raise MalformedJSON("an object key is not a string")
        text.expect(":")
        if key in keys and text.peek() == "[":
            yield from _array_items(text)
        else:
            text.value()  # skipped: not one of the lists asked for
        following = text.peek()
        if following == ",":
            text.pos += 1
        elif following == "}":
            return
        else:
            raise MalformedJSON(f"expected ',' or '}}' but found {following or 'the end of the file'!r}")
