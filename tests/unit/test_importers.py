"""Unit tests for treatycheck.importers on small synthetic CSV files, one convention at a time."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from treatycheck import load, validate
from treatycheck.findings import UsageError
from treatycheck.importers import (
    ImportResult,
    combine,
    dumps,
    import_files,
    to_dataset,
)
from treatycheck.importers._common import MessageLog, dayfirst_date, read_csv

COW_HEADER = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version"
GW_HEADER = "Cow Nr.,Cow ID,Name of State,Start,End"
ISD_HEADER = (
    "COWNum,COWID,StateName,OtherName,Start,Start_Am,EStart,EStart_Am,DecDate,End,End_Am,Population"
)
HUGGO_HEADER = "stateID,StateName,Begin,DecIndep,End,StateNameAlt,Comments"
ALLIANCE_HEADER = (
    "atopid,cowid,begyr,begmo,begday,endyr,endmo,endday,ineffect,bilat,nonagg,mem1,mem2,mem3"
)
MEMBER_HEADER = "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase"


def write(tmp_path: Path, name: str, *lines: str, newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(newline.join(lines).encode("utf-8"))
    return path


def claims_of(result: ImportResult, about: str) -> dict[tuple[str, str], str]:
    return {
        (c["source"], c["property"]): c["value"]
        for c in result.document.get("claims", [])
        if c["about"] == about
    }


def polity_ids(result: ImportResult) -> list[str]:
    return [p["id"] for p in result.document.get("polities", [])]


def messages(result: ImportResult) -> list[tuple[str, int, str, str | None]]:
    return [(m.severity, m.cell.line, m.cell.name, m.code) for m in result.messages]


# --- CSV reading with positions -----------------------------------------------------


def test_csv_reader_keeps_line_and_character_column_of_every_field(tmp_path: Path) -> None:
    text = 'a,b,c\n1,"x, y",3\n"multi\nline",,"say ""hi"""\n'
    path = write(tmp_path, "t.csv", text.rstrip("\n"))
    log = MessageLog()
    table = read_csv(path, log)
    assert table is not None
    assert [row.values for row in table.rows] == [
        dict(zip(("a", "b", "c"), r, strict=True)) for r in list(csv.reader(io.StringIO(text)))[1:]
    ]
    first, second = table.rows
    assert (first.line, first.columns) == (2, {"a": 1, "b": 3, "c": 10})
    assert (second.line, second.cell("c").line) == (3, 3)
    assert second.values["c"] == 'say "hi"'
    assert not log.messages


def test_csv_reader_handles_crlf_bom_and_missing_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeffa,b\r\n1,2\r\n3,4".encode())
    table = read_csv(path, MessageLog())
    assert table is not None
    assert table.header == ("a", "b")
    assert [row.values for row in table.rows] == [{"a": "1", "b": "2"}, {"a": "3", "b": "4"}]
    assert [row.line for row in table.rows] == [2, 3]


def test_a_row_with_the_wrong_number_of_fields_is_rejected_with_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "states.csv",
        COW_HEADER,
        "EST,366,Estonia,1918,2,24,1940,6,16,2016",
        "LAT,367,Latvia,1918,11,18,1940,6,16",
    )
    result = import_files("cow", [path])
    (counts,) = result.files
    assert (counts.read, counts.imported, counts.rejected) == (2, 1, 1)
    assert ("error", 3, "", "TC104") in messages(result)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
    ],
)
def test_unreadable_files_are_messages_not_tracebacks(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    for name in ("cow", "gw", "isd", "huggo", "atop"):
        result = import_files(name, [path])
        assert result.read == 0
        assert any(expected in m.text and m.code == "TC100" for m in result.messages)
        report = validate(to_dataset(result))
        assert report.by_code == {"TC100": 1}


def test_a_file_without_the_formats_columns_rejects_every_row(tmp_path: Path) -> None:
    path = write(tmp_path, "other.csv", "x,y", "1,2", "3,4")
    for name in ("cow", "gw", "isd", "huggo", "atop"):
        result = import_files(name, [path])
        assert (result.read, result.imported, result.rejected) == (2, 0, 2)
        assert result.messages[0].severity == "error"


def test_unknown_format_and_missing_file_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="did you mean 'cow'"):
        import_files("cwo", [tmp_path / "x.csv"])
    with pytest.raises(UsageError, match="no such file"):
        import_files("cow", [tmp_path / "missing.csv"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29-5-1453", "1453-05-29"),
        ("16-01-1556", "1556-01-16"),
        ("06-1815", "1815-06"),
        ("843", "0843"),
        ("24.02.1918", "1918-02-24"),
    ],
)
def test_day_first_spellings(text: str, expected: str) -> None:
    assert dayfirst_date(text).text == expected


# --- COW ------------------------------------------------------------------------------


def test_cow_spells_sentinels_and_coarser_dates(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "states2016.csv",
        COW_HEADER,
        "RUS,365,Russia,1816,1,1,2016,12,31,2016",
        "EST,366,Estonia,1918,2,24,1940,6,16,2016",
        "EST,366,Estonia,1991,9,6,2016,12,31,2016",
        "XXA,900,Somewhere,1920,-9,-9,1930,5,0,2016",
    )
    result = import_files("cow", [path])
    assert (result.read, result.imported, result.rejected) == (4, 4, 0)
    assert polity_ids(result) == [
        "state-365-1816",
        "state-366-1918",
        "state-366-1991",
        "state-900-1920",
    ]
    assert claims_of(result, "state-365-1816") == {
        ("cow-states", "exists.from"): "../1816-01-01",
        ("cow-states", "exists.to"): "2016-12-31/..",
    }
    assert claims_of(result, "state-366-1918")[("cow-states", "exists.from")] == "1918-02-24"
    assert claims_of(result, "state-900-1920") == {
        ("cow-states", "exists.from"): "1920",
        ("cow-states", "exists.to"): "1930-05",
    }
    assert ("info", 5, "stmonth", None) in messages(result)
    assert ("info", 5, "endday", None) in messages(result)
    estonia = result.document["polities"][1]
    assert estonia["codes"] == {"cow": 366, "cow-abb": "EST"}
    assert estonia["exists"] == {"from": "1918-02-24", "to": "1940-06-16"}


def test_cow_bad_values_name_line_and_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "states.csv",
        COW_HEADER,
        "EST,abc,Estonia,1918,2,24,1940,6,16,2016",
        "LAT,367,Latvia,1918,11,18,1940,2,30,2016",
        "LIT,368,Lithuania,19x8,2,16,1940,6,15,2016",
    )
    result = import_files("cow", [path])
    assert (result.read, result.imported, result.rejected) == (3, 1, 2)
    assert messages(result) == [
        ("error", 2, "ccode", "TC104"),
        ("error", 3, "endday", "TC103"),
        ("error", 4, "styear", "TC103"),
    ]
    latvia_end = next(m for m in result.messages if m.cell.line == 3)
    assert "February 1940 has 29 days" in latvia_end.text
    assert latvia_end.cell.column == len("LAT,367,Latvia,1918,11,18,1940,2,") + 1
    # the Latvian spell is imported without its impossible end
    assert claims_of(result, "state-367-1918") == {("cow-states", "exists.from"): "1918-11-18"}
    report = validate(to_dataset(result))
    assert [(f.code, f.location.line, f.location.column) for f in report.findings] == [
        ("TC104", 2, 5),
        ("TC103", 3, 34),
        ("TC103", 4, 19),
    ]


# --- Gleditsch-Ward ---------------------------------------------------------------------


def test_gw_day_first_dates_and_coverage_sentinels(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "gwstates.csv",
        GW_HEADER,
        "365,RUS,Russia (Soviet Union),01.01.1816,31.12.2017",
        "366,EST,Estonia,11.11.1918,01.06.1940",
        "367,LAT,Latvia,32.11.1918,01.06.1940",
    )
    result = import_files("gw", [path])
    assert (result.read, result.imported, result.rejected) == (3, 2, 1)
    assert claims_of(result, "state-365-1816") == {
        ("gw-states", "exists.from"): "../1816-01-01",
        ("gw-states", "exists.to"): "2017-12-31/..",
    }
    assert claims_of(result, "state-366-1918")[("gw-states", "exists.to")] == "1940-06-01"
    assert messages(result) == [("error", 4, "Start", "TC103")]


def test_gw_spreadsheet_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "gwstates.xlsx"
    path.write_bytes(b"PK\x03\x04")
    result = import_files("gw", [path])
    assert result.read == 0
    assert "use the CSV" in result.messages[0].text


# --- ISD --------------------------------------------------------------------------------


def test_isd_missing_codes_earlier_starts_ambiguity_and_declarations(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "isd.csv",
        ISD_HEADER,
        "365,RUS,Russia,-9,1816-01-01,0,1480,0,-9,2016-12-31,0,\"45'606'000\"",
        "640,TUR,Turkey,Ottoman Empire,1816-01-01,0,29-5-1453,1,-9,2016-12-31,0,-9",
        "366,EST,Estonia,-9,1918-11-11,1,-9,-9,24-02-1918,1940-06-17,0,1'115'000",
        "4999,MAR,Maradi,-9,1820-01-01,0,-9,-9,-8,1899-12-31,1,-9",
        newline="\r\n",
    )
    result = import_files("isd", [path])
    assert (result.read, result.imported, result.rejected) == (4, 4, 0)
    assert claims_of(result, "state-365-1480")[("isd-states", "exists.from")] == "1480"
    assert claims_of(result, "state-640-1453")[("isd-states", "exists.from")] == "1453-05-29?"
    estonia = [c for c in result.document["claims"] if c["about"] == "state-366-1918"]
    assert estonia[0]["value"] == "1918-11-11?"
    assert "independence declared 1918-02-24" in estonia[0]["notes"]
    assert claims_of(result, "state-4999-1820")[("isd-states", "exists.to")] == "1899-12-31?"
    assert messages(result) == [("warning", 5, "DecDate", None)]


# --- HUGGO -------------------------------------------------------------------------------


def test_huggo_messy_dates_bce_ongoing_and_missing_values(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "huggo.csv",
        HUGGO_HEADER,
        'ABK,Abkhazia,0778,,1008,Kingdom of Abkhazia,"long, quoted"',
        "ITA,Roman Kingdom,753 BC,,0476,NA,",
        "KON,Kongo Kingdom,1390-01-01~,,1888-12-31~,NA,",
        "EST,Estonia,1991-08-20,1990-03-30,9999-12-31,NA,",
        "XXX,Nowhere,sometime,,1900,NA,",
        newline="\r\n",
    )
    result = import_files("huggo", [path])
    assert (result.read, result.imported, result.rejected) == (5, 4, 1)
    assert polity_ids(result) == [
        "huggo-abk-778",
        "huggo-est-1991",
        "huggo-ita-753bc",
        "huggo-kon-1390",
    ]
    assert claims_of(result, "huggo-ita-753bc")[("huggo-states", "exists.from")] == (
        "../0001-12-31"
    )
    assert claims_of(result, "huggo-kon-1390") == {
        ("huggo-states", "exists.from"): "1390-01-01~",
        ("huggo-states", "exists.to"): "1888-12-31~",
    }
    assert claims_of(result, "huggo-est-1991")[("huggo-states", "exists.to")] == "2025/.."
    assert ("error", 6, "Begin", "TC103") in messages(result)


def test_huggo_rows_link_to_cow_numbers_by_name(tmp_path: Path) -> None:
    cow = write(
        tmp_path,
        "cow.csv",
        COW_HEADER,
        "EST,366,Estonia,1918,2,24,1940,6,16,2016",
        "SYR,652,Syria,1946,4,17,2016,12,31,2016",
        "KOR,730,Korea,1887,1,1,1905,11,17,2016",
        "ROK,732,South Korea,1949,1,1,2016,12,31,2016",
    )
    huggo = write(
        tmp_path,
        "huggo.csv",
        HUGGO_HEADER,
        "EST,Estonia,1918-02-24,,1940-06-16,NA,",
        "SYR,Syrian Arab Republic,1946-04-17,,9999-12-31,NA,",
        "KOR,Republic of Korea,1948-08-15,,9999-12-31,NA,",
        "ABK,Abkhazia,0778,,1008,NA,",
    )
    result = combine([import_files("cow", [cow]), import_files("huggo", [huggo])])
    ids = polity_ids(result)
    assert "state-652-1946" in ids and "state-732-1949" in ids and "huggo-abk-778" in ids
    assert claims_of(result, "state-366-1918") == {
        ("cow-states", "exists.from"): "1918-02-24",
        ("cow-states", "exists.to"): "1940-06-16",
        ("huggo-states", "exists.from"): "1918-02-24",
        ("huggo-states", "exists.to"): "1940-06-16",
    }
    assert claims_of(result, "state-732-1949")[("huggo-states", "exists.from")] == "1948-08-15"


# --- linking ----------------------------------------------------------------------------------


def test_a_dataset_without_a_gap_joins_the_spell_it_starts_in(tmp_path: Path) -> None:
    cow = write(
        tmp_path,
        "cow.csv",
        COW_HEADER,
        "POL,290,Poland,1918,11,3,1939,9,27,2016",
        "POL,290,Poland,1945,6,28,2016,12,31,2016",
    )
    gw = write(tmp_path, "gw.csv", GW_HEADER, "290,POL,Poland,11.11.1918,31.12.2017")
    result = combine([import_files("gw", [gw]), import_files("cow", [cow])])
    assert polity_ids(result) == ["state-290-1918", "state-290-1945"]
    assert claims_of(result, "state-290-1918")[("gw-states", "exists.to")] == "2017-12-31/.."
    assert ("gw-states", "exists.from") not in claims_of(result, "state-290-1945")
    # COW has priority: its spell gives the polity's existence
    assert result.document["polities"][0]["exists"] == {"from": "1918-11-03", "to": "1939-09-27"}


# --- ATOP ------------------------------------------------------------------------------------


def atop_files(tmp_path: Path) -> tuple[Path, Path]:
    alliance = write(
        tmp_path,
        "atop-alliance-level.csv",
        ALLIANCE_HEADER,
        "2185,,1926,9,28,1939,10,,0,1,1,365,368,",
        "2550,,1942,1,1,1945,9,2,0,0,0,2,290,",
        "4055,,1991,7,29,0,0,0,1,1,1,365,368,",
        "3610,,1970,8,16,1992,12,31,0,1,0,315,360,",
    )
    member = write(
        tmp_path,
        "atop-member-level.csv",
        MEMBER_HEADER,
        "3610,315,1970,8,16,1992,12,31,0",
        "3610,360,1970,8,16,1992,12,31,0",
        "3610,316,1993,1,1,1995,1,1,1",
    )
    return alliance, member


def test_atop_alliances_become_treaties(tmp_path: Path) -> None:
    alliance, _ = atop_files(tmp_path)
    result = import_files("atop", [alliance])
    treaties = {t["id"]: t for t in result.document["treaties"]}
    assert treaties["atop-2185"] == {
        "id": "atop-2185",
        "title": "ATOP alliance 2185",
        "kind": "alliance",
        "form": "bilateral",
        "parties": ["state-365", "state-368"],
        "events": [
            {"type": "signed", "date": "1926-09-28"},
            {"type": "expired", "date": "1939-10"},
        ],
        "sources": ["atop"],
        "codes": {"atop": 2185},
        "notes": f"{alliance.as_posix()} line 2; obligations: non-aggression",
    }
    assert treaties["atop-4055"]["events"] == [{"type": "signed", "date": "1991-07-29"}]
    assert treaties["atop-2550"]["form"] == "multilateral"
    assert {p["id"] for p in result.document["polities"]} == {
        "state-2",
        "state-290",
        "state-315",
        "state-360",
        "state-365",
        "state-368",
    }
    assert ("info", 2, "endday", None) in messages(result)


def test_atop_member_level_entries_become_signatures_by_each_member(tmp_path: Path) -> None:
    alliance, member = atop_files(tmp_path)
    result = import_files("atop", [alliance, member])
    assert [(c.read, c.imported, c.rejected) for c in result.files] == [(4, 4, 0), (3, 3, 0)]
    treaty = next(t for t in result.document["treaties"] if t["id"] == "atop-3610")
    assert treaty["parties"] == ["state-315", "state-360", "state-316"]
    assert treaty["events"] == [
        {"type": "signed", "date": "1970-08-16", "by": "state-315"},
        {"type": "signed", "date": "1970-08-16", "by": "state-360"},
        {"type": "signed", "date": "1993-01-01", "by": "state-316"},
        {"type": "expired", "date": "1992-12-31"},
    ]
    assert any("not among its mem1..memN" in m.text for m in result.messages)


def test_atop_members_are_checked_against_cow_spells(tmp_path: Path) -> None:
    alliance, _ = atop_files(tmp_path)
    cow = write(
        tmp_path,
        "cow.csv",
        COW_HEADER,
        "USA,2,United States of America,1816,1,1,2016,12,31,2016",
        "POL,290,Poland,1918,11,3,1939,9,27,2016",
        "POL,290,Poland,1945,6,28,2016,12,31,2016",
        "RUS,365,Russia,1816,1,1,2016,12,31,2016",
        "LIT,368,Lithuania,1918,2,16,1940,6,15,2016",
        "LIT,368,Lithuania,1991,9,6,2016,12,31,2016",
    )
    result = combine([import_files("atop", [alliance]), import_files("cow", [cow])])
    treaties = {t["id"]: t for t in result.document["treaties"]}
    assert treaties["atop-2550"]["parties"] == ["state-2-1816", "state-290-1918"]
    assert treaties["atop-4055"]["parties"] == ["state-365-1816", "state-368-1991"]
    report = validate(to_dataset(result), select=["TC302"])
    found = sorted(
        (f.subject, f.location.path, f.location.line, f.message) for f in report.findings
    )
    begyr = len("2550,,") + 1
    assert [(s, line) for s, _, line, _ in found] == [
        ("atop-2550", 3),
        ("atop-4055", 4),
    ]
    assert found[0][3] == (
        "atop-2550: party state-290-1918 ceased to exist on 1939-09-27, "
        "but the treaty was signed on 1942-01-01"
    )
    first = next(f for f in report.findings if f.subject == "atop-2550")
    assert first.location.column == begyr
    assert first.related[0].location.path == cow.as_posix()
    assert first.related[0].location.line == 3


# --- output ----------------------------------------------------------------------------------


def test_yaml_and_json_output_load_back_without_problems(tmp_path: Path) -> None:
    alliance, member = atop_files(tmp_path)
    cow = write(tmp_path, "cow.csv", COW_HEADER, "RUS,365,Russia,1816,1,1,2016,12,31,2016")
    result = combine([import_files("atop", [alliance, member]), import_files("cow", [cow])])
    for suffix in (".yaml", ".json"):
        out = tmp_path / f"out{suffix}"
        text = dumps(result, suffix)
        out.write_text(text, encoding="utf-8")
        loaded = load(out)
        assert loaded.findings == ()
        assert loaded.record_count == to_dataset(result).record_count
    yaml_text = dumps(result, ".yaml")
    assert f"  # {cow.as_posix()} line 2\n" in yaml_text
    assert f"# {cow.as_posix()} (cow): 1 rows read, 1 imported, 0 rejected" in yaml_text
    with pytest.raises(UsageError):
        dumps(result, ".toml")


def test_every_record_is_located_in_its_csv_row(tmp_path: Path) -> None:
    cow = write(
        tmp_path,
        "cow.csv",
        COW_HEADER,
        "EST,366,Estonia,1918,2,24,1940,6,16,2016",
        "EST,366,Estonia,1991,9,6,2016,12,31,2016",
    )
    dataset = to_dataset(import_files("cow", [cow]))
    located: list[tuple[str, int, int]] = []
    for record in dataset.records():
        where = dataset.location(record)
        located.append((type(record).__name__, where.line, where.column))
    assert located == [
        ("Source", 1, 1),
        ("Polity", 2, 1),
        ("Polity", 3, 1),
        ("Claim", 2, len("EST,366,Estonia,") + 1),
        ("Claim", 2, len("EST,366,Estonia,1918,2,24,") + 1),
        ("Claim", 3, len("EST,366,Estonia,") + 1),
        ("Claim", 3, len("EST,366,Estonia,1991,9,6,") + 1),
    ]
    polity = dataset.polities[0]
    assert dataset.location(polity, "exists", "to").column == 27
    source: Any = dataset.sources[0]
    assert source.citation.startswith("Correlates of War Project. 2016.")


# --- never a traceback ---------------------------------------------------------------------

HEADERS = {
    "cow": COW_HEADER,
    "gw": GW_HEADER,
    "isd": ISD_HEADER,
    "huggo": HUGGO_HEADER,
    "atop": ALLIANCE_HEADER,
}
NASTY = (
    "",
    "0",
    "-9",
    "12",
    "32",
    "1918",
    "99999999999999",
    "-5",
    "abc",
    "1918-02-30",
    "01.13.1990",
    "29-2-1900",
    "9999-12-31",
    "753 BC",
    "NA",
    '"q,uo""te"',
    '"unterminated',
    "\x00",
    "4.0",
    " 7 ",
    "0778",
    "../..",
)


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_garbage_rows_give_messages_and_counts_never_tracebacks(tmp_path: Path, name: str) -> None:
    import random

    chooser = random.Random(name)
    header = HEADERS[name]
    width = header.count(",") + 1
    for trial in range(40):
        rows = [header]
        for _ in range(chooser.randint(0, 6)):
            count = width + chooser.choice((0, 0, 0, -1, 1))
            rows.append(",".join(chooser.choice(NASTY) for _ in range(count)))
        path = write(tmp_path, f"{name}{trial}.csv", *rows, newline=chooser.choice(("\n", "\r\n")))
        result = import_files(name, [path])
        assert result.read == result.imported + result.rejected
        assert result.rejected <= sum(1 for m in result.messages if m.severity == "error")
        validate(to_dataset(result))
        dumps(result, ".yaml")
