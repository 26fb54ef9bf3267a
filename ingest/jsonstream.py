"""Reading the big lists of an export one item at a time.

Exports keep their long lists (posts, comments, reactions, friends, tweets) in single JSON
files that can reach hundreds of megabytes. ``json.load`` would hold the whole file and
every object built from it; here only one item is in memory at a time, so memory depends on
the largest single item, not on the file. Only the top level is streamed:

- a top-level array ``[item, item, ...]``;
- a top-level object whose listed keys hold arrays (``{"friends_v2": [...]}``); other
  values are skipped without being decoded;
- the X/Twitter form ``window.YTD.tweets.part0 = [...]`` (anything before the first
  ``[`` or ``{`` is ignored).

Skipping only tracks strings and bracket depth, chunk by chunk, so a skipped value of any
size costs its reading time and no memory. A regular expression passes over plain text,
whole strings and whole values nested up to ``_SKIP_DEPTH`` levels in one call, so
Python sees a few steps per chunk rather than one per token. A skipped value is not
validated: nothing in it is used.

Why our own reader rather than ijson: measured by ``bench/jsonstream_skip.py``, ijson's C
backend (yajl2_c) skips a 62 MB list in about twice our time, and one 62 MB string in
minutes while holding all of it; it also builds an item whole however large it is, where
ours refuses an item over ``max_item_chars`` before decoding it, and it stops at bytes that
are not UTF-8, where ours reads them as U+FFFD and goes on.
"""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import IO, Any

_decoder = json.JSONDecoder()
_WHITESPACE = " \t\r\n"
CHUNK_CHARS = 256 * 1024

# Possessive throughout: the engine never backtracks, so every pattern runs in linear time
# however the text is crafted.
_PLAIN = r'[^"\[\]{}]++'
_STRING = r'"[^"\\]*+(?:\\.[^"\\]*+)*+"'
_SKIP_DEPTH = 3


def _nested(depth: int) -> re.Pattern:
    """Plain text, whole strings and whole bracketed values up to ``depth`` levels."""
    inner = f"(?:{_PLAIN}|{_STRING})*+"
    for _ in range(depth):
        inner = f"(?:{_PLAIN}|{_STRING}|[\\[{{]{inner}[\\]}}])*+"
    return re.compile(inner)


_SKIP = _nested(_SKIP_DEPTH)
_STRING_BODY = re.compile(r'[^"\\]*+(?:\\.[^"\\]*+)*+')
_SCALAR = re.compile(r"[^\s,:\[\]{}\"]*+")


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
            except RecursionError as exc:
                raise MalformedJSON("one item is nested too deeply") from exc
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
            except ValueError as exc:  # an integer too long to convert, for one
                raise MalformedJSON(f"an unreadable value ({exc})") from exc
            # A number at the very end of the buffer may continue in the next chunk.
            if end == len(self.buf) and not self.eof and isinstance(value, (int, float)):
                self.more()
                continue
            self.pos = end
            return value

    def skip(self) -> None:
        """Pass over one value without decoding it, holding no more than a chunk."""
        first = self.peek()
        if first == "":
            raise MalformedJSON("expected a value but found the end of the file")
        if first == '"':
            self.pos += 1
            self._skip_string_rest()
        elif first in "[{":
            self.pos += 1
            self._skip_container_rest()
        else:
            self._skip_scalar()

    def _skip_container_rest(self) -> None:
        depth = 1
        while True:
            self.pos = _SKIP.match(self.buf, self.pos).end()
            if self.pos == len(self.buf):
                if not self.more():
                    raise MalformedJSON("the file ends inside a value")
                continue
            char = self.buf[self.pos]
            self.pos += 1
            if char in "[{":
                depth += 1  # deeper than the pattern reaches, or not complete in the text read so far
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return
            else:
                self._skip_string_rest()  # a string running past the text read so far

    def _skip_string_rest(self) -> None:
        while True:
            self.pos = _STRING_BODY.match(self.buf, self.pos).end()
            if self.pos < len(self.buf) and self.buf[self.pos] == '"':
                self.pos += 1
                return
            # The end of the text read so far, perhaps just after a backslash.
            if not self.more():
                raise MalformedJSON("the file ends inside a string")

    def _skip_scalar(self) -> None:
        consumed = 0
        while True:
            end = _SCALAR.match(self.buf, self.pos).end()
            consumed += end - self.pos
            self.pos = end
            if self.pos < len(self.buf) or not self.more():
                break
        if not consumed:
            found = self.peek() or "the end of the file"
            raise MalformedJSON(f"expected a value but found {found!r}")

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
            text.skip()  # not one of the lists asked for
        following = text.peek()
        if following == ",":
            text.pos += 1
        elif following == "}":
            return
        else:
            raise MalformedJSON(f"expected ',' or '}}' but found {following or 'the end of the file'!r}")
