"""Every generated dataset, valid or with a defect of any rule, gives a valid HTML page."""

from __future__ import annotations

import tempfile
from pathlib import Path

import html5lib
from hypothesis import given, settings
from hypothesis import strategies as st

import treatycheck
from treatycheck.reporters import RenderOptions
from treatycheck.reporters.html import render
from treatycheck.strategies import GeneratedDataset, datasets, defect_codes

ANY_DATASET = st.one_of(datasets(), st.sampled_from(defect_codes()).flatmap(datasets))


@settings(max_examples=40)
@given(ANY_DATASET)
def test_page_parses_strictly_with_a_row_and_link_target_per_finding(
    generated: GeneratedDataset,
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = generated.write(Path(directory))
        report = treatycheck.validate(path, today=generated.today)
    text = render(report, RenderOptions())
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)
    rows = tree.findall(".//table[@id='findings-table']/tbody/tr")
    assert [row.get("data-code") for row in rows] == [f.code for f in report.findings]
    ids = {element.get("id") for element in tree.iter() if element.get("id")}
    for element in tree.iter():
        href = element.get("href")
        if href is not None:
            assert href[1:] in ids, href  # every link stays in the page and has a target
