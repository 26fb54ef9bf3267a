"""The generated scenario read, aggregated and scored once by the pure core, for the tests of
its modules."""
from types import SimpleNamespace

import pytest

from express.characteristics import CharacteristicModel
from express.regions import RegionMatcher
from express.scores import iter_scores
from express.shipments import CleaningReport, read_shipments
from express.traffic import Aggregator
from tests.express.generator import REGIONS, SENSITIVE_AREAS, write_records


@pytest.fixture(scope="session")
def scenario(tmp_path_factory):
    """``truth`` (what the generator knows), ``aggregator`` and ``results`` by user key, with
    the default model."""
    path = tmp_path_factory.mktemp("express") / "records.csv"
    truth = write_records(path)
    model = CharacteristicModel()
    aggregator = Aggregator(as_of=truth.as_of, model=model)
    with open(path, "rb") as stream:
        aggregator.add_all(read_shipments(stream, regions=RegionMatcher(REGIONS), report=CleaningReport()))
    results = {r["user"]: r for r in iter_scores(aggregator.users, SENSITIVE_AREAS, as_of=truth.as_of, model=model)}
    return SimpleNamespace(truth=truth, aggregator=aggregator, results=results)
