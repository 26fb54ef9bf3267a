"""Synthetic express-delivery records whose right answers are known.

``write_records`` writes a shipment CSV and returns a ``Truth``: how many rows are read, kept and
dropped by which reason, every party's user type, which individuals trade with a sensitive
area, each enterprise's trend, and good/bad labels that follow from those facts. Identities are
made with the GB 11643 / GB 32100 check rules written out here independently of the code under
test. Nothing is random except through ``random.Random(seed)``.

The cast:

* focus individuals (``P-clean-*``, ``P-sensitive-*``) who receive parcels from shops; the
  sensitive ones also exchange parcels with a contact living in a sensitive area;
* shops (enterprises with a credit code) that send those parcels;
* focus enterprises whose parcels per period are stable, growing or shrinking (one of them known
  by name only, one shipping in Latin script), and one stable enterprise with frequent traffic
  into a sensitive area; their customers are individuals in ordinary regions;
* a person whose ID has a wrong check digit (unknown type);
* one row of every dirty kind, blank lines, a quoted address with a comma, an address in no
  region, and a parcel older than the window.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from express.shipments import FIELDS

ORDINARY = [
    ("广东省", "深圳市", "南山区"), ("广东省", "广州市", "天河区"), ("浙江省", "杭州市", "西湖区"),
    ("上海市", "上海市", "浦东新区"), ("北京市", "北京市", "海淀区"), ("四川省", "成都市", "武侯区"),
]
LATIN_ORDINARY = [("Guangdong", "Shenzhen", "Nanshan District"), ("Zhejiang", "Hangzhou", "Xihu District")]
SENSITIVE_AREAS = ["云南省/西双版纳傣族自治州", "广东省/汕头市"]
SENSITIVE_PLACES = [("云南省", "西双版纳傣族自治州", ""), ("广东省", "汕头市", "")]
# Every region the generator uses, for tests that build their own region table.
REGIONS = ORDINARY + LATIN_ORDINARY + SENSITIVE_PLACES

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
DATE_STYLES = ("{:%Y-%m-%d}", "{d.year}/{d.month}/{d.day}", "{d.year}年{d.month}月{d.day}日", "{:%Y%m%d}",
               "{:%Y-%m-%d %H:%M:%S}", "{:%Y-%m-%dT10:30:00+08:00}")
PERIODS, PERIOD_DAYS = 6, 30


def resident_id(rng: random.Random, birth: date | None = None) -> str:
    birth = birth or date(1960, 1, 1) + timedelta(days=rng.randrange(15000))
    body = f"{rng.choice(['110105', '440305', '330106', '510107'])}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ID_CHECK[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS)) % 11]


def credit_code(rng: random.Random) -> str:
    body = "91" + "".join(rng.choice("0123456789") for _ in range(6)) + "".join(
        rng.choice(USCC_CHARS) for _ in range(9))
    check = (31 - sum(USCC_CHARS.index(c) * w for c, w in zip(body, USCC_WEIGHTS)) % 31) % 31
    return body + USCC_CHARS[check]


def wrong_check_digit(identity: str) -> str:
    return identity[:17] + next(c for c in "0123456789X" if c != identity[17])


def address(rng: random.Random, place: tuple[str, str, str], latin: bool = False) -> str:
    number = rng.randrange(1, 300)
    if latin:
        province, city, district = place
        return f"{number} Keyuan Rd, {district}, {city}, {province}, China"
    province, city, district = place
    return f"{province}{city}{district}{rng.choice(['科技园路', '人民路', '建设大道'])}{number}号"


@dataclass
class Truth:
    as_of: date
    read: int = 0
    kept: int = 0
    dropped: Counter = field(default_factory=Counter)
    unmatched_addresses: int = 0
    outside_window: int = 0
    types: dict[str, str] = field(default_factory=dict)
    sensitive_individuals: set[str] = field(default_factory=set)
    clean_individuals: set[str] = field(default_factory=set)
    trends: dict[str, str] = field(default_factory=dict)
    sensitive_enterprises: set[str] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)
    sensitive_areas: list[str] = field(default_factory=lambda: list(SENSITIVE_AREAS))


class _Writer:
    def __init__(self, rng: random.Random, truth: Truth):
        self.rng, self.truth = rng, truth
        self.rows: list[list[str] | bytes | None] = []  # None = blank line, bytes = raw line
        self.serial = 0
        self.duplicate: list[str] | None = None

    def date_text(self, day: date) -> str:
        style = DATE_STYLES[self.serial % len(DATE_STYLES)]
        return style.format(day, d=day)

    def parcel(self, sender: tuple[str, str, str], recipient: tuple[str, str, str], sent: date,
               days: int = 1) -> list[str]:
        self.serial += 1
        row = [f"SF{self.serial:09d}", sender[0], sender[1], sender[2], recipient[0], recipient[1], recipient[2],
               self.date_text(sent), self.date_text(min(sent + timedelta(days=days), self.truth.as_of))]
        self.rows.append(row)
        self.truth.read += 1
        self.truth.kept += 1
        return row

    def dirty(self, reason: str, row: list[str] | bytes) -> None:
        self.rows.append(row)
        self.truth.read += 1
        self.truth.dropped[reason] += 1


def period_day(as_of: date, period: int, offset: int) -> date:
    """A day inside period ``period`` (0 = oldest) of the window ending on ``as_of``."""
    start = as_of - timedelta(days=PERIODS * PERIOD_DAYS)
    return start + timedelta(days=period * PERIOD_DAYS + 1 + offset % (PERIOD_DAYS - 3))


def build(*, as_of: date = date(2024, 6, 30), seed: int = 7, individuals: int = 6, dirty: bool = True) -> tuple[_Writer, Truth]:
    rng = random.Random(seed)
    truth = Truth(as_of=as_of)
    writer = _Writer(rng, truth)

    def person(place, latin=False):
        identity = resident_id(rng)
        truth.types[identity] = "individual"
        return (f"Person {len(truth.types)}", identity, address(rng, place, latin))

    def company(place, name=None, with_code=True, latin=False):
        identity = credit_code(rng) if with_code else ""
        name = name or f"Company {len(truth.types)}"
        truth.types[identity or f"name:{name}"] = "enterprise"
        return (name, identity, address(rng, place, latin))

    shops = [company(ORDINARY[i % len(ORDINARY)], name=f"Shop {i}") for i in range(3)]
    for i in range(individuals):
        sensitive = i % 2 == 1
        focus = person(ORDINARY[i % len(ORDINARY)])
        (truth.sensitive_individuals if sensitive else truth.clean_individuals).add(focus[1])
        truth.labels[focus[1]] = "bad" if sensitive else "good"
        for k in range(8):
            writer.parcel(shops[k % len(shops)], focus, period_day(as_of, k % PERIODS, 3 * k + i))
        if sensitive:
            contact = person(SENSITIVE_PLACES[i % len(SENSITIVE_PLACES)])
            writer.parcel(contact, focus, period_day(as_of, 4, i))
            writer.parcel(focus, contact, period_day(as_of, 5, i))

    plans = {
        "stable": [10] * PERIODS,
        "growing": [4, 6, 8, 10, 12, 14],
        "shrinking": [14, 12, 10, 8, 6, 4],
    }
    enterprises = [
        ("stable", company(ORDINARY[0]), False),
        ("growing", company(ORDINARY[1]), False),
        ("shrinking", company(ORDINARY[2]), False),
        ("growing", company(LATIN_ORDINARY[0], name="Latin Trading", latin=True), True),
        ("shrinking", company(ORDINARY[3], name="无证商行", with_code=False), False),
    ]
    for trend, sender, latin in enterprises:
        key = sender[1] or f"name:{sender[0]}"
        truth.trends[key] = trend
        truth.labels[key] = "bad" if trend == "shrinking" else "good"
        places = LATIN_ORDINARY if latin else ORDINARY
        customers = [person(places[c % len(places)], latin=latin) for c in range(max(plans[trend]))]
        for period, count in enumerate(plans[trend]):
            for c in range(count):
                writer.parcel(sender, customers[c], period_day(as_of, period, c))
    risky = company(ORDINARY[4], name="Risky Imports")
    key = risky[1]
    truth.trends[key] = "stable"
    truth.sensitive_enterprises.add(key)
    truth.labels[key] = "bad"
    customers = [person(ORDINARY[c % len(ORDINARY)]) for c in range(8)]
    contacts = [person(SENSITIVE_PLACES[c % 2]) for c in range(4)]
    for period in range(PERIODS):
        for c in range(8):
            writer.parcel(risky, customers[c], period_day(as_of, period, c))
    for c, contact in enumerate(contacts):
        writer.parcel(risky, contact, period_day(as_of, 2 + c % 3, c))

    odd = person(ORDINARY[0])
    bad_id = wrong_check_digit(odd[1])
    del truth.types[odd[1]]
    truth.types[bad_id] = "unknown"
    writer.parcel(shops[0], (odd[0], bad_id, odd[2]), period_day(as_of, 3, 1))

    writer.parcel(shops[1], person(ORDINARY[1]), as_of - timedelta(days=400))
    truth.outside_window += 2  # both sides of the old parcel

    if dirty:
        _dirty_rows(writer, shops, rng)
    return writer, truth


def _dirty_rows(writer: _Writer, shops, rng: random.Random) -> None:
    truth, as_of = writer.truth, writer.truth.as_of
    drifter_a = ("Drifter A", resident_id(rng), "火星殖民地第一大道1号")  # an address in no region
    truth.types[drifter_a[1]] = "individual"
    writer.parcel(shops[2], drifter_a, period_day(as_of, 2, 2))
    truth.unmatched_addresses += 1
    quoted = ("Quoted, Ltd", credit_code(rng), "8 Keyuan Rd, Nanshan District, Shenzhen, Guangdong, China")
    truth.types[quoted[1]] = "enterprise"
    writer.parcel(quoted, shops[2], period_day(as_of, 1, 1))

    def row(**changes) -> list[str]:
        writer.serial += 1
        base = dict(zip(FIELDS, [f"DX{writer.serial:08d}", "Dirty Sender", "", "广东省深圳市南山区1号", "Dirty Recipient", "",
                                 "浙江省杭州市西湖区2号", f"{as_of - timedelta(days=10)}", f"{as_of - timedelta(days=8)}"]))
        base.update(changes)
        return [base[name] for name in FIELDS]

    first_kept = next(r for r in writer.rows if isinstance(r, list))
    writer.dirty("short_row", row()[:5])
    writer.dirty("missing_tracking_no", row(tracking_no="  "))
    writer.dirty("missing_sender", row(sender_name="", sender_id=""))
    writer.dirty("missing_recipient", row(recipient_name=" ", recipient_id=""))
    writer.dirty("missing_sender_address", row(sender_address=""))
    writer.dirty("missing_recipient_address", row(recipient_address=""))
    writer.dirty("missing_sent_at", row(sent_at=""))
    writer.dirty("missing_received_at", row(received_at=""))
    writer.dirty("bad_sent_at", row(sent_at="05/03/2024"))
    writer.dirty("bad_received_at", row(received_at="next Tuesday"))
    writer.dirty("bad_received_at", row(received_at="2024-02-30"))
    writer.dirty("received_before_sent", row(sent_at=f"{as_of - timedelta(days=3)}", received_at=f"{as_of - timedelta(days=9)}"))
    writer.duplicate = row(tracking_no=first_kept[0])
    writer.dirty("duplicate_tracking_no", writer.duplicate)
    writer.dirty("undecodable", b"DX-BAD,\xff\xfe sender,,\xff\n")
    writer.rows.append(None)
    writer.rows.append(None)


def write_records(path: Path, *, encoding: str = "utf-8", delimiter: str = ",", headers: dict[str, str] | None = None,
                  bom: bool = False, **options) -> Truth:
    """Write the scenario to ``path`` and return what a correct import must find."""
    writer, truth = build(**options)
    rng = random.Random(options.get("seed", 7))
    rows = writer.rows[:]
    # Shuffle the records (not the header) so nothing depends on their order; the duplicate must
    # still come after its original, so it is moved to the end.
    rng.shuffle(rows)
    if writer.duplicate is not None:
        rows = [r for r in rows if r is not writer.duplicate] + [writer.duplicate]
    header = [(headers or {}).get(name, name) for name in FIELDS]
    with open(path, "wb") as out:
        if bom:
            out.write(b"\xef\xbb\xbf")
        out.write(_line(header, delimiter, encoding))
        for row in rows:
            if row is None:
                out.write(b"\n")
            elif isinstance(row, bytes):
                out.write(row)
            else:
                out.write(_line(row, delimiter, encoding))
    return truth


def _line(cells: list[str], delimiter: str, encoding: str) -> bytes:
    def quote(cell: str) -> str:
        return f'"{cell}"' if delimiter in cell or '"' in cell else cell

    return (delimiter.join(quote(cell) for cell in cells) + "\r\n").encode(encoding)


def write_labels(path: Path, labels: dict[str, str]) -> None:
    path.write_text("user,label\n" + "".join(f"{user},{label}\n" for user, label in sorted(labels.items())),
                    encoding="utf-8")
