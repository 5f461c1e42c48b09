"""The Dataset: records by section, equality by content, locations made on demand."""

from __future__ import annotations

import json
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


def test_every_record_is_located_by_file_section_and_position(tmp_path: Path) -> None:
    """One number per record says where it was written: check it for every record."""
    for n in range(3):
        claims = [
            {"source": "s", "about": f"t{n}-{i}", "property": "kind", "value": "peace"}
            for i in range(300)
        ]
        treaties = [{"id": f"t{n}-{i}"} for i in range(300)]
        body = {"treatycheck": 1, "treaties": treaties, "claims": claims}
        if n == 1:
            body["sources"] = [{"id": "s", "title": "S", "kind": "secondary"}]
        (tmp_path / f"part-{n}.json").write_text(json.dumps(body))
    dataset = load(tmp_path)
    expected = [
        (f"part-{n}.json", section, i)
        for section in ("sources", "treaties", "claims")
        for n in range(3)
        for i in range(1 if section == "sources" else 300)
        if section != "sources" or n == 1
    ]
    located = [
        (Path(dataset.location(record).path).name, *dataset.location(record).pointer)
        for section in (dataset.sources, dataset.treaties, dataset.claims)
        for record in section
    ]
    assert located == expected
