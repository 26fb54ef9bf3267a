"""UTF-8 or GB18030, decided in one place (express/encoding.py) for every file express reads."""
import codecs

import pytest

from express.encoding import decode_text, sniff_encoding

CHINESE = "广东省深圳市\n"


def test_encoding_sniffing_survives_one_corrupt_line():
    good = CHINESE.encode() * 20
    assert sniff_encoding(good + b"\xff\xfe\n" + good) == "utf-8"
    assert sniff_encoding(CHINESE.encode("gb18030") * 20) == "gb18030"


def test_the_cut_off_end_of_a_head_does_not_vote_unless_the_file_is_complete():
    # The UTF-8 line is cut in the middle of a character: as the head of a longer file it is
    # ignored; as a whole file it is a line that is not UTF-8.
    data = b"province,city\n" + CHINESE.encode()[:4]
    assert sniff_encoding(data) == "utf-8"
    assert sniff_encoding(data, complete=True) == "gb18030"


@pytest.mark.parametrize("data", [
    CHINESE.encode(),
    codecs.BOM_UTF8 + CHINESE.encode(),
    CHINESE.encode("gb18030"),
    b"province,city\n" + "广东省,汕头市".encode("gb18030"),  # the only Chinese line is the last, without a newline
])
def test_a_small_file_decodes_in_either_encoding(data):
    text = decode_text(data)
    assert "广东省" in text and not text.startswith("\ufeff")


def test_a_file_that_is_neither_is_refused_naming_the_line():
    data = CHINESE.encode() * 3 + b"\xff broken\n" + CHINESE.encode()
    with pytest.raises(ValueError, match=r"^line 4 is not valid utf-8 text; save the file as UTF-8 or GB18030$"):
        decode_text(data)
