"""pytest plugin: run a rule pack's examples inside your own test suite.

    pytest --irmetrics-pack packs/hotel.toml --irmetrics-pack packs/airline.toml

collects one test per example and counter-example of every rule of the
given packs, with the rule id as the test id (``hotel.revpar[0]``,
``hotel.revpar[not 0]``), and runs each through :func:`irmetrics.check.check_case`
-- the same check as ``irmetrics check-pack``.  A pack that does not load is
a collection error naming the file, the rule and the field.

The plugin is registered through the ``pytest11`` entry point, so installing
irmetrics is enough; without ``--irmetrics-pack`` it does nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from .check import CheckCase, CheckFailure, check_case, iter_cases
from .errors import PackError
from .rules import load_pack

__all__ = ["PackFile", "PackItem"]

_OPTION = "irmetrics_pack"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("irmetrics", "irmetrics rule packs")
    group.addoption("--irmetrics-pack", action="append", dest=_OPTION, default=[], metavar="PATH",
                    help="run the examples and counter-examples of this irmetrics rule pack "
                         "(repeat the option for several packs)")


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    """Append the packs' tests to whatever else was collected."""
    for raw in config.getoption(_OPTION) or ():
        path = Path(raw).resolve()
        collector = PackFile.from_parent(session, path=path)
        report = collector.ihook.pytest_make_collect_report(collector=collector)
        session.ihook.pytest_collectreport(report=report)
        if report.passed:
            items.extend(x for x in report.result if isinstance(x, pytest.Item))


class PackCheckFailed(Exception):
    """An example of a pack came out differently from what the pack says."""

    def __init__(self, failures: list[CheckFailure]) -> None:
        super().__init__("\n".join(str(f) for f in failures))
        self.failures = failures


class PackFile(pytest.File):
    """A pack file: one item per example and counter-example."""

    def collect(self) -> Iterator["PackItem"]:
        try:
            pack = load_pack(self.path)
        except PackError as e:
            raise self.CollectError(str(e)) from None
        for case in iter_cases([pack]):
            yield PackItem.from_parent(self, name=case.id, case=case)


class PackItem(pytest.Item):
    """One example (or counter-example) of one rule."""

    def __init__(self, *, case: CheckCase, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.case = case

    def runtest(self) -> None:
        failures = check_case(self.case)
        if failures:
            raise PackCheckFailed(failures)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style=None) -> str:  # type: ignore[override]
        if isinstance(excinfo.value, PackCheckFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.case.rule.id}: {self.case.id}"
