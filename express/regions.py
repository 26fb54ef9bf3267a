"""Regions: paths of one to three levels (province / city / district) written
``广东省/深圳市/南山区``, the containment of one in another, and the matcher that maps an address
to the longest region of a table it lies in."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

SEPARATOR = "/"
SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "省", "市", "区", "县", "盟", "旗")
# Addresses repeat heavily in real shipment files; caching their match keeps a million-row
# import fast. The cache is bounded so an adversarial file cannot grow it.
CACHE_LIMIT = 200_000

# Trailing parts of a Latin-script address that name no region inside the country.
_LATIN_NOISE = {"china", "prc", "p.r.c.", "p.r. china", "people's republic of china", "pr china"}
_LATIN_SUFFIXES = (" district", " city", " province", " county", " prefecture", " municipality", " sar")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_SPACES = re.compile(r"[\s.]+")
_POSTCODE = re.compile(r"^[\d\s-]+$")
_EDGE_NUMBER = re.compile(r"^\d[\d-]*\s+|\s+\d[\d-]*$")  # "guangdong 510000" -> "guangdong"


def split_region_line(line: str) -> tuple[str, ...]:
    """A region written as one line -- ``广东省/深圳市/南山区``, ``Guangdong,Shenzhen,Nanshan``
    or tab-separated -- as its non-empty levels, most general first."""
    parts = re.split(r"[/,\t>]", line)
    return tuple(part.strip() for part in parts if part.strip())


def region_contains(area: str, region: str | None) -> bool:
    """Whether ``region`` lies in ``area`` (both paths): ``广东省/深圳市`` contains
    ``广东省/深圳市/南山区`` and itself, but not ``广东省/深圳``-anything-else."""
    if not region:
        return False
    return region == area or region.startswith(area + SEPARATOR)


def read_region_lines(lines: Iterable[str]) -> list[tuple[str, ...]]:
    """Region paths from a file with one region per line (``广东省/深圳市/南山区`` or CSV columns
    province,city,district; a header line ``province,...`` is skipped)."""
    paths = []
    for line in lines:
        levels = split_region_line(line.lstrip("\ufeff"))
        if not levels or levels[0].casefold() == "province":
            continue
        if len(levels) > 3:
            raise ValueError(f"a region has at most three levels (province, city, district): {line.strip()[:80]!r}")
        paths.append(levels)
    return paths


def _short(name: str) -> str:
    """A Chinese region name without its administrative suffix (广东省 -> 广东), when at least
    two characters remain; people write addresses both ways."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _latin_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _LATIN_SPACES.sub(" ", text).strip()
    for suffix in _LATIN_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def _is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def _latin_parts(address: str) -> list[str]:
    """The comma-separated parts of a Latin-script address, last first, without the country
    name and postcodes that end such addresses."""
    parts = [_latin_key(_EDGE_NUMBER.sub("", part.strip())) for part in reversed(address.split(","))]
    return [part for part in parts if part and part not in _LATIN_NOISE and not _POSTCODE.match(part)]


def _merge_target(existing: str | None, target: str) -> str | None:
    """The region a key stands for once ``target`` also claims it: the deeper one when one lies
    in the other (北京市 is the province and its city), None (ambiguous) when they are unrelated."""
    if existing == "" or existing == target:
        return target
    if existing is None:
        return None
    if region_contains(existing, target):
        return target
    if region_contains(target, existing):
        return existing
    return None


class RegionMatcher:
    """Longest-prefix match of addresses against a region table.

    ``regions`` are paths of one to three levels, most general first (province, city,
    district). Each path and each of its ancestors becomes a region. Matching uses a trie over
    *tokens*:

    * Chinese addresses are matched character by character from the start
      (``广东省深圳市南山区科技园…`` -> ``广东省/深圳市/南山区``). Every region is entered under its
      full names and its short names (suffix removed), with and without the levels above it, so
      ``深圳南山区…``, ``广东深圳…`` and ``南山区…`` match too.
    * Latin-script addresses name the region at the end (``8 Keyuan Rd, Nanshan District,
      Shenzhen, Guangdong, China``): the comma-separated parts are read from the end, dropping a
      trailing country name and postcodes, and matched part by part, case-insensitively and
      with "District"/"City"/"Province" optional.

    The longest match wins. A key that two different regions share (``朝阳`` is a district of
    Beijing and a city of Liaoning) is ambiguous and left out, so such an address falls back to
    the longest *unambiguous* prefix instead of being assigned at random.
    """

    def __init__(self, regions: Iterable[Iterable[str]]):
        self._cjk_trie: dict = {}
        self._latin_trie: dict = {}
        self._cache: dict[str, str | None] = {}
        self.paths: set[str] = set()
        keys: dict[tuple[bool, tuple[str, ...]], str | None] = {}
        for levels in regions:
            levels = tuple(str(level).strip() for level in levels if str(level).strip())
            for depth in range(1, len(levels) + 1):
                path = levels[:depth]
                target = SEPARATOR.join(path)
                self.paths.add(target)
                for key in self._keys(path):
                    keys[key] = _merge_target(keys.get(key, ""), target)
        for (cjk, tokens), target in keys.items():
            if target is None:
                continue
            node = self._cjk_trie if cjk else self._latin_trie
            for token in tokens:
                node = node.setdefault(token, {})
            node[None] = target

    @staticmethod
    def _keys(path: tuple[str, ...]) -> Iterator[tuple[bool, tuple[str, ...]]]:
        """Every way an address may begin when it lies in ``path``."""
        variants: list[list[str]] = [sorted({level, _short(level)}) for level in path]
        # The province may be left out, and so may the city before a district.
        for start in range(len(path)):
            combos: list[list[str]] = [[]]
            for options in variants[start:]:
                combos = [combo + [option] for combo in combos for option in options]
            for combo in combos:
                if _is_cjk("".join(combo)):
                    yield True, tuple("".join(combo))
                else:
                    yield False, tuple(_latin_key(part) for part in combo)

    def match(self, address: str) -> str | None:
        """The region path (``"广东省/深圳市/南山区"``) of ``address``, or None."""
        cached = self._cache.get(address)
        if cached is not None or address in self._cache:
            return cached
        if _is_cjk(address):
            result = self._walk(self._cjk_trie, "".join(address.split()))
        else:
            result = self._walk(self._latin_trie, _latin_parts(address))
        if len(self._cache) < CACHE_LIMIT:
            self._cache[address] = result
        return result

    @staticmethod
    def _walk(trie: dict, tokens: Iterable[str]) -> str | None:
        node, best = trie, None
        for token in tokens:
            node = node.get(token)
            if node is None:
                break
            best = node.get(None, best)
        return best


def resolve_area(text: str, matcher: RegionMatcher) -> str:
    """A sensitive area as a region path: ``广东省/深圳市`` stays as it is; a name written as an
    address (``深圳市``, ``Shenzhen, Guangdong``) is matched to the table; an unknown name is
    kept as a one-level path so that it still matches regions of that name."""
    text = text.strip()
    if SEPARATOR in text or text in matcher.paths:
        return SEPARATOR.join(split_region_line(text))
    return matcher.match(text) or text
