"""The real datasets (``../shared/realdata`` or ``$TREATYCHECK_REALDATA``) for realdata tests.

A user's plain ``pytest`` without the data skips these tests and says why.
CI sets ``TREATYCHECK_REQUIRE_REALDATA=1``: then missing data fail the tests
instead, so a run that silently skipped them cannot pass.
"""

from __future__ import annotations

import os
from contextlib import chdir
from pathlib import Path
from typing import Final

import pytest

from treatycheck.importers import AUTHORITY, ImportResult, combine, import_files

REPO: Final = Path(__file__).resolve().parents[2]

FILES: Final = {
    "cow": ("states/COW/states2016.csv",),
    "gw": ("states/GW/gwstates.csv",),
    "isd": ("states/ISD/isd_2_2_update_reversedates.csv",),
    "huggo": ("states/HUGGO/HUGGO_states_clean.csv",),
    "atop": ("alliances/atop/atop-alliance-level.csv", "alliances/atop/atop-member-level.csv"),
}
"""Each format's files, relative to the realdata directory."""

CROSSWALK: Final = "crosswalk/crosswalk.csv"
STATES: Final = ("cow", "gw", "isd", "huggo")


def realdata_dir() -> Path:
    """Where the real datasets are: ``$TREATYCHECK_REALDATA``, else ``../shared/realdata``."""
    configured = os.environ.get("TREATYCHECK_REALDATA")
    return Path(configured) if configured else REPO.parent / "shared" / "realdata"


def _required() -> bool:
    return os.environ.get("TREATYCHECK_REQUIRE_REALDATA", "").strip().lower() in (
        "1",
        "true",
        "yes",
    )


@pytest.fixture(scope="session")
def realdata() -> Path:
    """The realdata directory; skips (or, when required, fails) if a file is missing."""
    root = realdata_dir()
    wanted = [*(path for paths in FILES.values() for path in paths), CROSSWALK]
    missing = [path for path in wanted if not (root / path).is_file()]
    if missing:
        reason = (
            f"real datasets not found in {root} (missing {', '.join(missing)}); "
            "set TREATYCHECK_REALDATA to the realdata directory to run these tests"
        )
        if _required():
            pytest.fail(f"TREATYCHECK_REQUIRE_REALDATA is set but {reason}", pytrace=False)
        pytest.skip(reason)
    return root


@pytest.fixture(autouse=True)
def _needs_realdata(realdata: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here runs in the realdata directory, so paths read as in PROVENANCE.md."""
    monkeypatch.chdir(realdata)


@pytest.fixture(scope="session")
def imported(realdata: Path) -> dict[str, ImportResult]:
    """Each format imported on its own (paths relative to the realdata directory)."""
    with chdir(realdata):
        return {name: import_files(name, list(paths)) for name, paths in FILES.items()}


def linked(
    realdata: Path,
    imported: dict[str, ImportResult],
    names: tuple[str, ...],
    authority: tuple[str, ...] = AUTHORITY,
) -> ImportResult:
    """Some of the imports linked with the crosswalk, in the given authority order."""
    with chdir(realdata):
        return combine([imported[name] for name in names], crosswalk=CROSSWALK, authority=authority)


@pytest.fixture(scope="session")
def states(realdata: Path, imported: dict[str, ImportResult]) -> ImportResult:
    """The four states datasets linked (with the crosswalk)."""
    return linked(realdata, imported, STATES)


@pytest.fixture(scope="session")
def everything(realdata: Path, imported: dict[str, ImportResult]) -> ImportResult:
    """All five datasets linked (with the crosswalk); COW decides ATOP members' existence."""
    return linked(realdata, imported, tuple(FILES))
