"""Looking members up by name: the index answers exactly what a scan of every member
would, without the scan."""
import zipfile

from ingest.archive import SafeArchive

NAMES = [
    "a.json",
    "top/a.json",
    "top/data/a.json",
    "other/a.json",
    "top/data/tweets_media/1000-x.png",
    "top/data/tweets_media/1001-x.png",
    "x/y/z/deep.json",
    "ab/data/b.json",
    "a/data/b.json",
    "top/data/b.json.bak",
]
QUERIES = ["a.json", "/a.json", "data/a.json", "top/a.json", "tweets_media/1000-x.png", "x.png", "data/b.json", "b.json", "deep.json", "y/z/deep.json", "", "data/", "nothing.json"]


def scan_find_all(names: list[str], query: str) -> list[str]:
    """The rule stated in ``SafeArchive.find_all``, as a scan over every member."""
    wanted = query.lstrip("/")
    found = [n for n in names if n == wanted or n.endswith("/" + wanted)]
    return sorted(found, key=lambda n: (n.count("/"), n))


def scan_resolve(names: list[str], relative: str) -> str | None:
    relative = relative.lstrip("/")
    roots = ["", *sorted({n.split("/", 1)[0] + "/" for n in names if "/" in n})]
    return next((root + relative for root in roots if root + relative in names), None)


def archive_of(tmp_path, names=NAMES):
    path = tmp_path / "index.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, b"{}")
    return SafeArchive(path)


def test_find_all_find_and_resolve_answer_as_a_scan_would(tmp_path):
    with archive_of(tmp_path) as archive:
        for query in QUERIES:
            assert archive.find_all(query) == scan_find_all(NAMES, query), query
            assert archive.find(query) == next(iter(scan_find_all(NAMES, query)), None), query
        for relative in ["a.json", "data/a.json", "data/b.json", "data/tweets_media/1001-x.png", "z/deep.json", "/a.json", "b.json", ""]:
            assert archive.resolve(relative) == scan_resolve(NAMES, relative), relative


class NoScan(dict):
    def __iter__(self):
        raise AssertionError("a lookup scanned every member")


def test_lookups_do_not_scan_the_members(tmp_path):
    with archive_of(tmp_path) as archive:
        archive._infos = NoScan(archive._infos)
        assert archive.find("tweets_media/1001-x.png") == "top/data/tweets_media/1001-x.png"
        assert archive.find_all("a.json")[:2] == ["a.json", "other/a.json"]
        assert archive.resolve("data/b.json") == "a/data/b.json"
