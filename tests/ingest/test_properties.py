"""Property-based tests: real exports of every platform, mutated the ways uploads break or
are crafted (bytes flipped, the file cut short, members renamed, members' contents
damaged, JSON values of the wrong type), never make the archive reader or a parser raise
anything but its one-line refusal, and never take memory past a cap set by the limits."""
from __future__ import annotations

import functools
import io
import json
import re
import shutil
import tempfile
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.archive import ArchiveLimits, ArchiveRefused, SafeArchive
from ingest.media import store_images
from ingest.parsers import parse_export
from ingest.parsers.base import empty_profile

from . import exports

LIMITS = ArchiveLimits(max_members=500, max_member_bytes=2 * 1024**2, max_total_bytes=8 * 1024**2, max_image_bytes=256 * 1024)
# What a parse of a small export may take at most, whatever the mutation: the limits above
# bound what can be inflated, and nothing may be held beyond a few times that.
MEMORY_CAP = 24 * 1024**2
BOUNDED = settings(max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
WRITERS = {
    "facebook": exports.write_facebook,
    "instagram": exports.write_instagram,
    "linkedin": exports.write_linkedin,
    "twitter": exports.write_twitter,
}
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
_JS_PREFIX = re.compile(rb"^[^\[{]*")


@functools.cache
def original(platform: str) -> bytes:
    """The generator's export of ``platform``, written once per test run."""
    with tempfile.TemporaryDirectory(prefix="credsly-property-") as folder:
        return WRITERS[platform](Path(folder) / f"{platform}.zip").path.read_bytes()


# -- mutations -------------------------------------------------------------------------------
def members_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def flip_bytes(draw, data: bytes) -> bytes:
    mutable = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(mutable) - 1))
        mutable[at] ^= draw(st.integers(1, 255))
    return bytes(mutable)


def truncate(draw, data: bytes) -> bytes:
    return data[: draw(st.integers(0, max(0, len(data) - 1)))]


def rename_members(draw, data: bytes) -> bytes:
    members = members_of(data)
    names = list(members)
    renamed = {}
    for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True)):
        other = draw(st.sampled_from(names))
        new = draw(st.sampled_from([
            other,  # two members of one name
            other.rsplit("/", 1)[-1],  # moved to the top
            "x/" + name,  # under another folder
            name.rsplit("/", 1)[0] + "/" + draw(st.text("abc_.1json", min_size=1, max_size=12)),
            name.upper(),
        ]))
        renamed[name] = new
    return zip_of({renamed.get(n, n): members[n] for n in names})


def damage_content(draw, data: bytes) -> bytes:
    members = members_of(data)
    name = draw(st.sampled_from(sorted(members)))
    content = members[name]
    if content:
        content = draw(st.sampled_from([flip_bytes, truncate]))(draw, content)
    members[name] = content + draw(st.binary(max_size=8))
    return zip_of(members)


def node_paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += node_paths(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += node_paths(child, path + (index,))
    return found


def replaced(value: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = replaced(value[head], rest, new)
    return copy


def retype_json(draw, data: bytes) -> bytes:
    """Give some values of one JSON member (a .json file, or the array of an X .js file)
    a value of another type: a list where an object was, a number for a string..."""
    members = members_of(data)
    candidates = sorted(n for n in members if n.endswith((".json", ".js")) and _JS_PREFIX.sub(b"", members[n]).strip())
    if not candidates:
        return damage_content(draw, data)
    name = draw(st.sampled_from(candidates))
    prefix = _JS_PREFIX.match(members[name]).group(0)
    value = json.loads(members[name][len(prefix):])
    for _ in range(draw(st.integers(1, 3))):
        value = replaced(value, draw(st.sampled_from(node_paths(value))), draw(JSON_VALUES))
    members[name] = prefix + json.dumps(value).encode()
    return zip_of(members)


MUTATIONS = [flip_bytes, truncate, rename_members, damage_content, retype_json]


@st.composite
def mutated(draw, original: bytes) -> bytes:
    return draw(st.sampled_from(MUTATIONS))(draw, original)


# -- what must hold ----------------------------------------------------------------------------
def within_memory_cap(run) -> Any:
    tracemalloc.start()
    try:
        result = run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_CAP, f"peak {peak:,} bytes"
    return result


def assert_plain_sentence(refusal: ArchiveRefused) -> None:
    message = str(refusal)
    assert message and "\n" not in message and "Traceback" not in message


def parse_and_store(platform: str, data: bytes) -> dict | ArchiveRefused:
    folder = Path(tempfile.mkdtemp(prefix="credsly-property-"))
    try:
        path = folder / "upload.zip"
        path.write_bytes(data)
        profile = parse_export(platform, path, LIMITS)
        store_images(path, profile, folder / "media", LIMITS, max_total_bytes=1024**2)
        return profile.document()
    except ArchiveRefused as refusal:
        return refusal
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("platform", sorted(WRITERS))
@BOUNDED
@given(data=st.data())
def test_a_mutated_export_is_parsed_or_refused_in_a_sentence(platform, data):
    upload = data.draw(mutated(original(platform)))
    outcome = within_memory_cap(lambda: parse_and_store(platform, upload))
    if isinstance(outcome, ArchiveRefused):
        assert_plain_sentence(outcome)
        return
    assert outcome.keys() == empty_profile(platform, "archive", "").keys()
    json.dumps(outcome)  # the document is plain JSON all through
    assert all(isinstance(w, str) and "\n" not in w for w in outcome["warnings"])


def read_every_member(data: bytes) -> int | ArchiveRefused:
    folder = Path(tempfile.mkdtemp(prefix="credsly-property-"))
    try:
        path = folder / "upload.zip"
        path.write_bytes(data)
        delivered = 0
        with SafeArchive(path, LIMITS) as archive:
            for name in archive.names():
                with archive.open(name) as stream:
                    while chunk := stream.read(64 * 1024):
                        delivered += len(chunk)
                assert archive.find(name) is not None
        return delivered
    except ArchiveRefused as refusal:
        return refusal
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@BOUNDED
@given(data=st.data())
def test_the_archive_reader_reads_a_mutated_zip_within_its_limits_or_refuses_it(data):
    upload = data.draw(mutated(original(data.draw(st.sampled_from(sorted(WRITERS))))))
    outcome = within_memory_cap(lambda: read_every_member(upload))
    if isinstance(outcome, ArchiveRefused):
        assert_plain_sentence(outcome)
        return
    assert outcome <= LIMITS.max_total_bytes
