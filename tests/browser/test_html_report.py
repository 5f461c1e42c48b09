"""The HTML report in a real browser: headless Chromium driven by Selenium.

Needs Debian's ``chromium`` and ``chromium-driver`` (``/usr/bin/chromium``,
``/usr/bin/chromedriver``; ``.ci/run`` installs them). Without them these
tests are skipped, unless ``TREATYCHECK_REQUIRE_BROWSER=1`` is set (as in CI),
in which case they fail. The screenshot of the Soviet–Baltic report is saved
as ``build/report-soviet-baltic.png`` for CI to keep.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import random
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import treatycheck
from treatycheck.reporters import RenderOptions
from treatycheck.reporters.html import render

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
FIXTURE = ROOT / "fixtures" / "soviet-baltic"
TODAY = _dt.date(2025, 1, 1)
CHROMIUM = os.environ.get("TREATYCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("TREATYCHECK_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
)
PACTS_1932 = [
    "soviet-finnish-non-aggression-1932.signed",
    "soviet-latvian-non-aggression-1932.signed",
    "soviet-estonian-non-aggression-1932.signed",
    "soviet-polish-non-aggression-1932.signed",
]


def _unavailable() -> str | None:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).is_file()]
    if missing:
        return f"headless Chromium is not installed ({', '.join(missing)} missing)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def _driver(javascript: bool = True) -> Any:
    reason = _unavailable()
    if reason is not None:
        if os.environ.get("TREATYCHECK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"TREATYCHECK_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="treatycheck-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(120)
    driver._treatycheck_profile = profile  # removed on quit below
    return driver


def _quit(driver: Any) -> None:
    driver.quit()
    shutil.rmtree(driver._treatycheck_profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    driver = _driver()
    yield driver
    _quit(driver)


@pytest.fixture(scope="module")
def soviet_baltic_page() -> Path:
    """The fixture's report, written under build/ (kept by CI next to the screenshot)."""
    report = treatycheck.validate(FIXTURE, today=TODAY)
    BUILD.mkdir(exist_ok=True)
    path = BUILD / "report-soviet-baltic.html"
    path.write_text(render(report, RenderOptions()), encoding="utf-8")
    return path


def _visible_codes(driver: Any) -> list[str]:
    """Codes of the findings rows the browser actually lays out, top to bottom."""
    codes: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll('#findings-table tbody tr'))"
        ".filter(function (r) { return r.getClientRects().length > 0; })"
        ".map(function (r) { return r.getAttribute('data-code'); });"
    )
    return codes


def test_1932_pacts_are_drawn_before_poland_and_a_screenshot_is_kept(
    browser: Any, soviet_baltic_page: Path
) -> None:
    browser.get(soviet_baltic_page.as_uri())
    svg = browser.find_element(
        "css selector", 'svg[data-assertion="baltic-states-followed-poland"]'
    )
    rows = svg.find_elements("css selector", "g.row[data-event]")
    assert [row.get_attribute("data-event") for row in rows] == PACTS_1932
    # Where the browser actually drew each pact's reference mark, left to right.
    lefts = [
        row.find_element("css selector", '.mark[data-source="reference"]').rect["x"] for row in rows
    ]
    assert lefts == sorted(lefts) and len(set(lefts)) == 4, lefts
    finland, poland = lefts[0], lefts[-1]
    assert poland - finland > 200  # six months apart on an 800-unit axis
    # The per-treaty timelines of the pacts are drawn too.
    for event in PACTS_1932:
        treaty = event.rsplit(".", 1)[0]
        assert browser.find_elements("css selector", f"#tl-treaty-{treaty} svg .mark")
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(int(height) + 40, 16000))
    BUILD.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(BUILD / "report-soviet-baltic.png"))
    browser.set_window_size(1280, 1000)


def test_filtering_by_rule_hides_the_other_findings(browser: Any, soviet_baltic_page: Path) -> None:
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.get(soviet_baltic_page.as_uri())
    everything = _visible_codes(browser)
    assert len(set(everything)) > 1
    Select(browser.find_element("id", "filter-rule")).select_by_value("TC401")
    shown = _visible_codes(browser)
    assert shown == ["TC401"] * everything.count("TC401")
    status = browser.find_element("id", "filter-status").text
    assert f"{len(shown)} matching findings ({len(everything)} in all)" in status
    browser.find_element("css selector", "#filters button[type=reset]").click()
    # The form refilters once the reset has cleared its fields (on the next tick).
    WebDriverWait(browser, 5).until(lambda driver: _visible_codes(driver) == everything)
    assert _visible_codes(browser) == everything


def test_filters_work_from_the_keyboard(browser: Any, soviet_baltic_page: Path) -> None:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(soviet_baltic_page.as_uri())
    everything = _visible_codes(browser)
    browser.find_element("id", "findings-h").click()  # start of the focus navigation
    subject = browser.find_element("id", "filter-subject")
    # Tab order goes rule, severity, source, subject; typing filters after a short pause.
    for _ in range(4):
        if browser.switch_to.active_element == subject:
            break
        browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element == subject
    subject.send_keys("conciliation")
    # Typing filters after a short pause: wait for it rather than for a fixed time.
    WebDriverWait(browser, 5).until(lambda driver: len(_visible_codes(driver)) < len(everything))
    shown = browser.find_elements("css selector", "#findings-table tbody tr:not(.is-hidden)")
    assert 0 < len(shown) < len(everything)
    assert all("conciliation" in row.get_attribute("data-subject") for row in shown)
    severity = browser.find_element("id", "filter-severity")
    severity.send_keys(Keys.ARROW_DOWN)  # first severity present: error
    assert severity.get_attribute("value") == "error"


def test_sorting_by_severity_puts_errors_first_then_last(
    browser: Any, soviet_baltic_page: Path
) -> None:
    browser.get(soviet_baltic_page.as_uri())
    button = browser.find_element("css selector", 'button.sort[data-key="severity"]')
    button.click()
    ranks = [
        int(row.get_attribute("data-rank"))
        for row in browser.find_elements("css selector", "#findings-table tbody tr")
    ]
    assert ranks == sorted(ranks, reverse=True)
    button.click()
    ranks = [
        int(row.get_attribute("data-rank"))
        for row in browser.find_elements("css selector", "#findings-table tbody tr")
    ]
    assert ranks == sorted(ranks)
    header = button.find_element("xpath", "..")
    assert header.get_attribute("aria-sort") == "descending"


def test_a_ringed_date_links_to_its_finding(browser: Any, soviet_baltic_page: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(soviet_baltic_page.as_uri())
    link = browser.find_element(
        "css selector", 'svg[data-assertion="baltic-states-followed-poland"] a.conflict'
    )
    target = link.get_dom_attribute("href")
    assert target.startswith("#f-")
    browser.execute_script("arguments[0].focus()", link)  # links in the SVG take focus
    assert browser.switch_to.active_element == link
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    WebDriverWait(browser, 5).until(
        lambda driver: driver.execute_script("return location.hash") == target
    )
    row = browser.find_element("id", target[1:])
    assert row.is_displayed() and row.get_attribute("data-code") == "TC401"


def test_without_javascript_the_whole_table_shows(soviet_baltic_page: Path) -> None:
    driver = _driver(javascript=False)
    try:
        driver.get(soviet_baltic_page.as_uri())
        rows = driver.find_elements("css selector", "#findings-table tbody tr")
        assert rows and all(row.is_displayed() for row in rows)
        assert not driver.find_element("id", "filters").is_displayed()
    finally:
        _quit(driver)


def test_a_script_in_a_source_title_is_shown_not_run(browser: Any, tmp_path: Path) -> None:
    hostile = "<script>document.title='owned'</script><img src=x onerror=\"document.title='x'\">"
    data = tmp_path / "data.json"
    data.write_text(
        json.dumps(
            {
                "treatycheck": 1,
                "sources": [{"id": "ref", "title": hostile, "kind": "reference"}],
                "polities": [{"id": "a", "names": ["A"]}, {"id": "b", "names": ["B"]}],
                "treaties": [
                    {
                        "id": "t",
                        "title": hostile,
                        "parties": ["a", "b"],
                        "events": [{"type": "signed", "date": "1932-01-21"}],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    path = tmp_path / "hostile.html"
    path.write_text(render(treatycheck.validate(data, today=TODAY), RenderOptions()), "utf-8")
    browser.get(path.as_uri())
    assert browser.title.startswith("treatycheck report")
    assert browser.execute_script("return document.scripts.length") == 2
    assert browser.execute_script("return document.images.length") == 0
    assert hostile in browser.find_element("id", "sources").text


# -- the 100,000-treaty benchmark dataset --------------------------------------------------


def benchmark_dataset(path: Path, treaties: int = 100_000, seed: int = 1932) -> None:
    """Write a deterministic dataset: 200 polities, 50 series, a chronicle that disagrees.

    Every tenth treaty has its events in the wrong order (TC201) and every
    tenth a chronicle claim on its signature date, which agrees, is coarser,
    or contradicts the record (TC501). One treaty per line keeps positions
    cheap to look up.
    """
    rng = random.Random(seed)
    polities = [
        {"id": f"polity-{n}", "names": [f"Polity {n}"], "exists": {"from": "1800-01-01"}}
        for n in range(200)
    ]
    sources = [
        {"id": f"series-{n}", "title": f"Treaty series {n}", "kind": "primary"} for n in range(50)
    ]
    sources.append({"id": "chronicle", "title": "A chronicle", "kind": "secondary"})
    records, claims = [], []
    for n in range(treaties):
        first, second = rng.sample(range(200), 2)
        year, month, day = rng.randint(1850, 1990), rng.randint(1, 12), rng.randint(1, 28)
        signed = f"{year:04d}-{month:02d}-{day:02d}"
        in_force = f"{year + 1:04d}-{month:02d}-{day:02d}"
        if n % 10 == 5:
            signed, in_force = in_force, signed
        records.append(
            {
                "id": f"treaty-{n}",
                "title": f"Treaty number {n}",
                "kind": "peace",
                "form": "bilateral",
                "parties": [f"polity-{first}", f"polity-{second}"],
                "events": [
                    {"type": "signed", "date": signed},
                    {"type": "in-force", "date": in_force},
                ],
                "sources": [f"series-{rng.randrange(50)}"],
            }
        )
        if n % 10 == 0:
            value = [signed, f"{year:04d}-{month:02d}", f"{year - 1:04d}"][n // 10 % 3]
            claims.append(
                {
                    "source": "chronicle",
                    "about": f"treaty-{n}",
                    "property": "signed.date",
                    "value": value,
                }
            )

    def lines(items: list[dict[str, Any]]) -> str:
        return "[\n" + ",\n".join(json.dumps(item) for item in items) + "\n]"

    path.write_text(
        '{"treatycheck": 1,\n'
        f'"sources": {lines(sources)},\n"polities": {lines(polities)},\n'
        f'"treaties": {lines(records)},\n"claims": {lines(claims)}\n}}\n',
        encoding="utf-8",
    )


def test_the_100k_treaty_report_loads_in_under_10_seconds(browser: Any, tmp_path: Path) -> None:
    data = tmp_path / "benchmark.json"
    benchmark_dataset(data)
    report = treatycheck.validate(data, today=TODAY)
    assert report.records > 100_000 and len(report.findings) >= 10_000
    started = time.perf_counter()
    text = render(report, RenderOptions())
    rendered = time.perf_counter() - started
    path = tmp_path / "benchmark.html"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    browser.get(path.as_uri())  # returns after the load event
    loaded = time.perf_counter() - started
    status = browser.find_element("id", "filter-status").text
    assert f"of {len(report.findings)} matching findings" in status
    BUILD.mkdir(exist_ok=True)
    (BUILD / "html-benchmark.txt").write_text(
        f"treaties: 100000\nfindings: {len(report.findings)}\n"
        f"page bytes: {len(text.encode('utf-8'))}\nrender seconds: {rendered:.2f}\n"
        f"chromium load seconds: {loaded:.2f}\n",
        encoding="utf-8",
    )
    assert loaded < 10, f"the page took {loaded:.1f} s to load"
    # Filtering all rows stays quick too.
    from selenium.webdriver.support.ui import Select

    started = time.perf_counter()
    Select(browser.find_element("id", "filter-rule")).select_by_value("TC501")
    filtered = time.perf_counter() - started
    assert _visible_codes(browser)[:5] == ["TC501"] * 5
    assert filtered < 5, f"filtering took {filtered:.1f} s"
