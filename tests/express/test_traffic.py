"""Each user's traffic in the window (express/traffic.py), on records whose right answers the
generator knows and on hand-made parcels."""
from datetime import date, timedelta
from types import SimpleNamespace

from express.characteristics import CharacteristicModel
from express.features import features
from express.traffic import Aggregator

MODEL = CharacteristicModel()


def test_every_generated_party_gets_its_known_type(scenario):
    types = {key: traffic.user_type.kind for key, traffic in scenario.aggregator.users.items()}
    assert types == scenario.truth.types


def test_parcels_outside_the_window_are_counted_on_both_sides(scenario):
    assert scenario.aggregator.outside_window == scenario.truth.outside_window


def individual(key="11010519491231002X"):
    return SimpleNamespace(key=key, name="Li", identity=key, address="", region=None)


def other(address, region):
    return SimpleNamespace(key="name:Shop", name="Shop", identity="", address=address, region=region)


def test_individual_regions_are_counted_and_frequent_addresses_merged():
    as_of = date(2024, 6, 30)
    spellings = ["广东省深圳市南山区科技园路８号", "广东省深圳市南山区 科技园路8号", "广东省深圳市南山区科技园路8号。"]
    shipments = [SimpleNamespace(sender=other(a, "广东省/深圳市/南山区"), recipient=individual(),
                                 sent_at=as_of - timedelta(days=5 + i), received_at=as_of - timedelta(days=4 + i))
                 for i, a in enumerate(spellings)]
    shipments.append(SimpleNamespace(sender=individual(), recipient=other("浙江省杭州市西湖区1号", "浙江省/杭州市/西湖区"),
                                     sent_at=as_of - timedelta(days=2), received_at=as_of - timedelta(days=1)))
    shipments.append(SimpleNamespace(sender=individual(), recipient=other("云南省昆明市", "云南省/昆明市"),
                                     sent_at=as_of - timedelta(days=200), received_at=as_of - timedelta(days=199)))
    aggregator = Aggregator(as_of=as_of, model=MODEL).add_all(shipments)
    feature = features(aggregator.users["11010519491231002X"], as_of=as_of, model=MODEL)
    assert [(r["region"], r["sent"], r["received"]) for r in feature["regions"]] == [
        ("广东省/深圳市/南山区", 0, 3), ("浙江省/杭州市/西湖区", 1, 0)]
    assert [(a["parcels"], a["region"]) for a in feature["frequent_addresses"]] == [(3, "广东省/深圳市/南山区")]
    assert aggregator.outside_window == 2  # the 200-day-old parcel, on both sides
