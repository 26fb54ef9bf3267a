"""Each user's parcel traffic inside the scoring window, gathered from a stream of shipments.

Traffic is every parcel where the user is sender or recipient; a parcel counts on the sender's
side at its send date and on the recipient's at its receive date, inside the window
``(as_of - window, as_of]`` (``CharacteristicModel.window_days`` rounded down to whole
periods). The regions counted are the *counterpart's*: the regions a user sent to and received
from. Memory grows with users and regions, not with rows.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from .characteristics import CharacteristicModel
from .identity import ENTERPRISE, INDIVIDUAL, UserType, classify_user
from .shipments import Party, Shipment

UNMATCHED = "(unmatched address)"
# One copy of each distinct address spelling is shared by every user who sees it; past this
# many the spellings are no longer shared (memory stays bounded, counts stay right).
SPELLINGS_LIMIT = 500_000

_ADDRESS_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise_address(address: str) -> str:
    """The form under which spellings of one address merge: NFKC (full-width digits become
    ASCII), case-folded, spaces and punctuation removed."""
    return _ADDRESS_NOISE.sub("", unicodedata.normalize("NFKC", address).casefold())


@dataclass(slots=True)
class Traffic:
    """One user's parcels inside the window, reduced to what the features need."""

    key: str
    name: str
    identity: str
    user_type: UserType
    sent: int = 0
    received: int = 0
    # region -> [sent, received, first date, last date, bit mask of the periods with traffic]
    regions: dict[str, list] = field(default_factory=dict)
    # period index (0 = oldest) -> [sent, received, set of normalised addresses]; enterprises only
    periods: dict[int, list] = field(default_factory=dict)
    # region -> period index -> [sent, received]; enterprises only (the per-region table)
    region_periods: dict[str, dict[int, list]] = field(default_factory=dict)
    # normalised address -> parcels; individuals only. The spelling and region of each address
    # live once in ``address_book``, shared by all users of an aggregation.
    addresses: dict[str, int] = field(default_factory=dict)
    address_book: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)


class Aggregator:
    """Streams shipments into per-user ``Traffic``."""

    def __init__(self, *, as_of: date, model: CharacteristicModel):
        self.as_of = as_of
        self.model = model
        self.window_start = as_of - timedelta(days=model.periods * model.period_days)
        self.users: dict[str, Traffic] = {}
        self.outside_window = 0
        self._addresses: dict[str, tuple[str, str]] = {}
        self.address_book: dict[str, tuple[str, str | None]] = {}

    def add(self, shipment: Shipment) -> None:
        self._add(shipment.sender, shipment.recipient, shipment.sent_at, sending=True)
        self._add(shipment.recipient, shipment.sender, shipment.received_at, sending=False)

    def add_all(self, shipments: Iterable[Shipment]) -> "Aggregator":
        for shipment in shipments:
            self.add(shipment)
        return self

    def _spelling(self, address: str) -> tuple[str, str]:
        """(the address as first seen, its normalised form), shared by every user who sees it:
        a million rows repeat a few thousand addresses, and one copy each keeps memory flat."""
        known = self._addresses.get(address)
        if known is None:
            known = (address, normalise_address(address))
            if len(self._addresses) < SPELLINGS_LIMIT:
                self._addresses[address] = known
        return known

    def _user(self, party: Party) -> Traffic:
        traffic = self.users.get(party.key)
        if traffic is None:
            traffic = self.users[party.key] = Traffic(party.key, party.name, party.identity,
                                                      classify_user(party.identity), address_book=self.address_book)
        return traffic

    def _add(self, party: Party, other: Party, when: date, *, sending: bool) -> None:
        traffic = self._user(party)
        if not (self.window_start < when <= self.as_of):
            self.outside_window += 1
            return
        period = min(((when - self.window_start).days - 1) // self.model.period_days, self.model.periods - 1)
        region = other.region or UNMATCHED
        side = 0 if sending else 1
        if sending:
            traffic.sent += 1
        else:
            traffic.received += 1
        entry = traffic.regions.get(region)
        if entry is None:
            entry = traffic.regions[region] = [0, 0, when, when, 0]
        entry[side] += 1
        if when < entry[2]:
            entry[2] = when
        if when > entry[3]:
            entry[3] = when
        entry[4] |= 1 << period
        if traffic.user_type.kind == INDIVIDUAL:
            self._add_address(traffic, other)
        elif traffic.user_type.kind == ENTERPRISE:
            self._add_period(traffic, other.address, region, period, side)

    def _add_address(self, traffic: Traffic, other: Party) -> None:
        """An individual's counterpart address, counted under its normalised form."""
        spelling, normalised = self._spelling(other.address)
        addresses = traffic.addresses
        addresses[normalised] = addresses.get(normalised, 0) + 1
        if normalised not in self.address_book:
            self.address_book[normalised] = (spelling, other.region)

    def _add_period(self, traffic: Traffic, address: str, region: str, period: int, side: int) -> None:
        """An enterprise's parcel in its period: counts, active addresses, and the region table."""
        slot = traffic.periods.get(period)
        if slot is None:
            slot = traffic.periods[period] = [0, 0, set()]
        slot[side] += 1
        slot[2].add(self._spelling(address)[1])
        per_region = traffic.region_periods.setdefault(region, {})
        counts = per_region.get(period)
        if counts is None:
            counts = per_region[period] = [0, 0]
        counts[side] += 1
