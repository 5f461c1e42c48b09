"""The Dataset: records by section, equality by content, locations made on demand."""

from __future__ import annotations

from pathlib import Path

from treatycheck import Dataset, Location, load
from treatycheck.dataset import RecordLocations
from treatycheck.models import Place, Treaty

ROOT = Path(__file__).resolve().parents[2]


def test_records_and_record_count_cover_every_section() -> None:
    dataset = load(ROOT / "fixtures" / "soviet-baltic")
    records = list(dataset.records())
    assert len(records) == dataset.record_count == 53
    assert records[0] is dataset.sources[0]
    assert records[-1] is dataset.assertions[-1]


def test_equality_is_by_records_not_by_where_they_were_written() -> None:
    riga = Place(id="riga", names=["Riga"])
    loaded = Dataset(places=(riga,), files=("a.yaml",))
    assert Dataset(places=(Place(id="riga", names=["Riga"]),)) == loaded
    assert Dataset(places=(riga,)) != Dataset(treaties=(Treaty(id="riga"),))
    assert Dataset(places=(riga,)) != Dataset()


def test_records_built_in_python_are_located_nowhere() -> None:
    dataset = Dataset(places=(Place(id="riga", names=["Riga"]),))
    assert str(dataset.location(dataset.places[0], "names", 0)) == "<dataset>:0:0"


def test_record_locations_are_made_once_on_first_use() -> None:
    dataset = load(ROOT / "fixtures" / "soviet-baltic")
    assert isinstance(dataset.locations, RecordLocations)
    assert len(dataset.locations) == dataset.record_count
    treaty = dataset.treaties[0]
    first = dataset.location(treaty)
    assert first is dataset.location(treaty)
    assert first.path.endswith("treaties.yaml") and first.line > 1
    assert dataset.location(dataset.sources[0]).path.endswith("sources.yaml")


def test_a_plain_mapping_of_locations_still_works() -> None:
    riga = Place(id="riga", names=["Riga"])
    dataset = Dataset(places=(riga,), locations={id(riga): Location("places.yaml", 3, 5)})
    assert str(dataset.location(riga)) == "places.yaml:3:5"
