"""Which of the two encodings a Chinese shipment file is in: UTF-8 (with or without a BOM) or
GB18030. Every file express reads -- shipment records, region tables, sensitive-area lists,
labels -- is decided here, and only here."""
from __future__ import annotations

UTF8 = "utf-8"
GB18030 = "gb18030"


def sniff_encoding(head: bytes, *, complete: bool = False) -> str:
    """``"utf-8"`` when the lines of ``head`` are UTF-8, else ``"gb18030"``.

    Each line with non-ASCII bytes votes: valid UTF-8 or not. UTF-8 is strict enough that
    Chinese text in GB18030 almost never passes as UTF-8, so a GB18030 file votes clearly
    against; voting per line keeps one corrupt line from turning a UTF-8 file into GB18030.
    ``head`` is the start of a longer file unless ``complete``: its last piece may then end in
    the middle of a character and does not vote.
    """
    lines = head.split(b"\n")
    if len(lines) > 1 and not complete:
        lines = lines[:-1]
    utf8 = other = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode(UTF8)
            utf8 += 1
        except UnicodeDecodeError:
            other += 1
    return UTF8 if utf8 >= other else GB18030


def decode_text(data: bytes) -> str:
    """The text of a whole small file (a region table, a sensitive-area list, labels), in the
    encoding ``sniff_encoding`` decides. Raises ``ValueError`` with a plain sentence naming
    the first line that does not decode."""
    encoding = sniff_encoding(data, complete=True)
    try:
        return data.decode("utf-8-sig" if encoding == UTF8 else encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ValueError(f"line {line} is not valid {encoding} text; save the file as UTF-8 or GB18030") from None
