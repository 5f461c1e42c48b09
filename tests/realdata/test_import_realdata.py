"""The importers on the real COW, Gleditsch-Ward, ISD, HUGGO and ATOP files (PROVENANCE.md).

Every expected value below was checked against the raw CSV rows named in the
comments (line numbers count the header as line 1).
"""

from __future__ import annotations

import hashlib
import time
from contextlib import chdir
from pathlib import Path

import pytest

from treatycheck import validate
from treatycheck.importers import ImportResult, to_dataset

from .conftest import FILES, linked

pytestmark = pytest.mark.realdata

BLOBS = {
    "states/COW/states2016.csv": "ff6095ff4f365796a3631a313434a4057cd8252d",
    "states/ISD/isd_2_2_update_reversedates.csv": "47b1d3009c3b522d59e66424dafe0aa773a081b4",
    "states/HUGGO/HUGGO_states_clean.csv": "1b9c1bd09b9180834b6a070984e812d978738507",
    "alliances/atop/atop-alliance-level.csv": "6f043cba2bc78b5d75d4375c460004e3940b2d66",
    "alliances/atop/atop-member-level.csv": "25802397e0ddaec73690e92e9ffe6e0cc0c339b8",
}
SHA256 = {
    "states/GW/gwstates.csv": "ab78de529792d5f1f8c78052e195e3d969c05672737918ab7b1c10f01c471ec8",
    "crosswalk/crosswalk.csv": "9aa94cab78173e077afc0c3118c44ba44ef1c4fde4d4fe17d494b203aee40274",
}


def test_the_files_are_the_copies_provenance_describes(realdata: Path) -> None:
    for path, blob in BLOBS.items():
        data = (realdata / path).read_bytes()
        assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == blob, path
    for path, digest in SHA256.items():
        assert hashlib.sha256((realdata / path).read_bytes()).hexdigest() == digest, path


def test_rows_read_imported_and_rejected_per_file(imported: dict[str, ImportResult]) -> None:
    counts = {
        counts.path: (counts.read, counts.imported, counts.rejected)
        for result in imported.values()
        for counts in result.files
    }
    assert counts == {
        "states/COW/states2016.csv": (243, 243, 0),
        "states/GW/gwstates.csv": (216, 216, 0),
        "states/ISD/isd_2_2_update_reversedates.csv": (499, 499, 0),
        "states/HUGGO/HUGGO_states_clean.csv": (409, 409, 0),
        "alliances/atop/atop-alliance-level.csv": (745, 745, 0),
        "alliances/atop/atop-member-level.csv": (2398, 2398, 0),
    }


def test_the_values_the_importers_could_not_use_are_named_by_line_and_column(
    imported: dict[str, ImportResult],
) -> None:
    problems = [
        (str(m.cell), m.cell.name, m.severity)
        for result in imported.values()
        for m in result.messages
        if m.severity != "info"
    ]
    # ISD line 289 (Maradi) has DecDate -8, line 299 (Menabe) DecDate 0.
    assert problems == [
        ("states/ISD/isd_2_2_update_reversedates.csv:289:56", "DecDate", "warning"),
        ("states/ISD/isd_2_2_update_reversedates.csv:299:60", "DecDate", "warning"),
    ]
    notes = [(m.cell.path, m.cell.line, m.cell.name) for m in imported["atop"].messages]
    # ATOP: begday empty once (atopid 1115), endday 13 times, dayent 5 times
    assert len(notes) == 19
    assert sum(name == "begday" for _, _, name in notes) == 1
    assert sum(name == "endday" for _, _, name in notes) == 13
    assert sum(name == "dayent" for _, _, name in notes) == 5
    huggo = [(m.cell.line, m.cell.name) for m in imported["huggo"].messages]
    assert (163, "Begin") in huggo  # Italy, "753 BC"


def test_sentinels_become_open_bounds(imported: dict[str, ImportResult]) -> None:
    document = imported["cow"].document
    values = [c["value"] for c in document["claims"]]
    assert values.count("../1816-01-01") == sum(
        1 for c in document["claims"] if c["value"].startswith("../")
    )
    assert values.count("2016-12-31/..") == 195  # PROVENANCE: 195 rows end 2016-12-31
    gw_values = [c["value"] for c in imported["gw"].document["claims"]]
    assert gw_values.count("2017-12-31/..") == 174
    huggo_values = [c["value"] for c in imported["huggo"].document["claims"]]
    assert huggo_values.count("2025/..") == 194
    atop = imported["atop"].document["treaties"]
    assert sum(1 for t in atop if not any(e["type"] == "expired" for e in t["events"])) == 334


def claims(result: ImportResult, about: str) -> dict[tuple[str, str], str]:
    return {
        (c["source"].removesuffix("-states"), c["property"].removeprefix("exists.")): c["value"]
        for c in result.document["claims"]
        if c["about"] == about
    }


def test_the_same_spell_from_four_datasets_is_one_subject(states: ImportResult) -> None:
    # COW 104, GW 85, ISD 128 (Start_Am = 1, DecDate 24-02-1918), HUGGO 108
    assert claims(states, "state-366-1918") == {
        ("cow", "from"): "1918-02-24",
        ("cow", "to"): "1940-06-16",
        ("gw", "from"): "1918-11-11",
        ("gw", "to"): "1940-06-01",
        ("isd", "from"): "1918-11-11?",
        ("isd", "to"): "1940-06-17",
        ("huggo", "from"): "1918-02-24",
        ("huggo", "to"): "1940-06-16",
    }
    # COW 109, GW 90, ISD 265, HUGGO 215 (restored Lithuania)
    assert claims(states, "state-368-1991") == {
        ("cow", "from"): "1991-09-06",
        ("cow", "to"): "2016-12-31/..",
        ("gw", "from"): "1991-09-06",
        ("gw", "to"): "2017-12-31/..",
        ("isd", "from"): "1991-09-06",
        ("isd", "to"): "2016-12-31/..",
        ("huggo", "from"): "1990-03-11",
        ("huggo", "to"): "2025/..",
    }
    # Gleditsch-Ward's Poland (GW 54) runs through the war and joins the 1918 spell
    assert claims(states, "state-290-1918")[("gw", "to")] == "2017-12-31/.."
    assert ("gw", "from") not in claims(states, "state-290-1945")
    # Russia: COW's one spell (line 103) against HUGGO's Russian Empire (line 305);
    # ISD's EStart 1480 (line 376) replaces the coverage start
    assert claims(states, "state-365-1816") == {
        ("cow", "from"): "../1816-01-01",
        ("cow", "to"): "2016-12-31/..",
        ("gw", "from"): "../1816-01-01",
        ("gw", "to"): "2017-12-31/..",
        ("isd", "from"): "1480",
        ("isd", "to"): "2016-12-31/..",
        ("huggo", "from"): "1721-11-02",
        ("huggo", "to"): "1917-03-15",
    }
    # HUGGO's other Russian entities stay spells of their own
    ids = {p["id"] for p in states.document["polities"]}
    assert {"state-365-1263", "state-365-1547", "state-365-1922", "state-365-1991"} <= ids
    assert "state-368-1236" in ids  # HUGGO's medieval Lithuania (line 213)


def test_linking_counts(states: ImportResult) -> None:
    clusters = states.linked.clusters
    by_size: dict[int, int] = {}
    for cluster in clusters.values():
        by_size[len(cluster.spells)] = by_size.get(len(cluster.spells), 0) + 1
    assert len(clusters) == 584
    assert by_size == {1: 234, 2: 106, 3: 55, 4: 189}
    unlinked = [m for m in states.linked.messages if "matches no state" in m.text]
    assert len(unlinked) == 21
    assert len(states.linked.messages) == 21


def test_every_spell_points_at_its_own_csv_row(realdata: Path, states: ImportResult) -> None:
    dataset = to_dataset(states)
    lines = {
        path: (realdata / path).read_text(encoding="utf-8").splitlines()
        for paths in FILES.values()
        for path in paths
        if path.startswith("states/")
    }
    checked = 0
    for claim in dataset.claims:
        where = dataset.location(claim)
        raw = lines[where.path][where.line - 1]
        value = raw[where.column - 1 :].split(",", 1)[0]
        written = claim.value.text  # type: ignore[union-attr]
        if claim.source == "cow-states":  # the year column of a y/m/d date
            assert written.lstrip(".").lstrip("/")[:4] == value.zfill(4), (claim, raw)
        elif claim.source == "gw-states":
            assert written.lstrip("./")[:4] == value[-4:], (claim, raw)
        else:
            assert value.strip('"') in raw, (claim, raw)
        checked += 1
    spells = 243 + 216 + 499 + 409  # every row is a spell, and every spell has an end
    assert checked == len(dataset.claims) == 2 * spells


def test_atop_checked_against_cow(everything: ImportResult) -> None:
    report = validate(to_dataset(everything))
    assert report.by_code.get("TC302") == 64
    assert report.by_code.get("TC301") == 12
    assert "TC201" not in report.by_code  # no alliance ends before it begins
    bilateral = [f for f in report.findings if f.code == "TC301"]
    assert all("1 party" not in f.message for f in bilateral)  # none has a single member
    messages = {f.message for f in report.findings if f.code == "TC302"}
    # alliance level: 2550 line 209 (1942-01-01), 3025 line 222, 4055 line 476
    assert (
        "atop-2550: party state-290-1918 ceased to exist on 1939-09-27, "
        "but the treaty was signed on 1942-01-01"
    ) in messages
    assert (
        "atop-3025: party state-290-1945 came into existence on 1945-06-28, "
        "but the treaty was signed on 1945-04-21"
    ) in messages
    assert (
        "atop-4055: party state-368-1991 came into existence on 1991-09-06, "
        "but the treaty was signed on 1991-07-29"
    ) in messages
    poland = next(f for f in report.findings if f.subject == "atop-2550" and "290" in f.message)
    # 2550 has members joining later, so each member signs on its entry (member level):
    # Poland's row is line 603, "2550,,,290,0,1942,1,1,...", its yrent in column 14
    assert (poland.location.path, poland.location.line, poland.location.column) == (
        "alliances/atop/atop-member-level.csv",
        603,
        14,
    )
    lithuania = next(f for f in report.findings if f.subject == "atop-4055")
    assert (lithuania.location.path, lithuania.location.line, lithuania.location.column) == (
        "alliances/atop/atop-alliance-level.csv",
        476,
        len("4055,,,") + 1,  # begyr
    )
    assert (poland.related[0].location.path, poland.related[0].location.line) == (
        "states/COW/states2016.csv",
        69,
    )


@pytest.mark.parametrize(
    ("first", "flagged", "not_flagged", "count"),
    [
        ("gw-states", {"atop-4055"}, {"atop-2550", "atop-3025"}, 49),
        ("isd-states", {"atop-2550", "atop-3025", "atop-4055"}, set(), 48),
        (
            "huggo-states",
            {"atop-2550", "atop-3025", "atop-4005", "atop-4010", "atop-4015"},
            set(),
            100,
        ),
    ],
)
def test_whether_a_member_existed_depends_on_the_states_dataset(
    realdata: Path,
    imported: dict[str, ImportResult],
    first: str,
    flagged: set[str],
    not_flagged: set[str],
    count: int,
) -> None:
    rest = tuple(s for s in ("cow-states", "gw-states", "isd-states", "huggo-states") if s != first)
    result = linked(realdata, imported, tuple(FILES), (first, *rest))
    report = validate(to_dataset(result), select=["TC302"])
    subjects = {
        f.subject
        for f in report.findings
        if any(f"state-{code}-" in f.message for code in (290, 365, 368))
    }
    assert flagged <= subjects
    assert not (not_flagged & subjects)
    assert len(report.findings) == count


def test_all_five_datasets_import_and_validate_in_under_30_seconds(
    realdata: Path, imported: dict[str, ImportResult]
) -> None:
    from treatycheck.importers import combine, import_files

    from .conftest import CROSSWALK

    started = time.perf_counter()
    with chdir(realdata):
        results = [import_files(name, list(paths)) for name, paths in FILES.items()]
        report = validate(to_dataset(combine(results, crosswalk=CROSSWALK)))
    elapsed = time.perf_counter() - started
    assert report.findings
    assert elapsed < 30, f"import and validation took {elapsed:.1f} s"
