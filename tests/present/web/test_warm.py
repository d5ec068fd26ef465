"""Web warm-up: heavy pages computed in worker processes equal those computed in the server."""

from __future__ import annotations

import concurrent.futures as cf

from equipoise.case import load_case
from equipoise.executor import LocalExecutor
from equipoise.present.web import analysis
from equipoise.present.web.data import CaseView
from equipoise.present.web.pages import page_data


def test_page_from_a_worker_equals_page_built_here():
    view = CaseView(load_case(), seed=5)
    with LocalExecutor(2, method="spawn") as pool:
        view.compute_elsewhere("forecasts_page", pool.submit(page_data, None, 5, "forecasts_page"))
        remote = analysis.forecasts_page(view)
    assert remote == analysis.forecasts_page(CaseView(load_case(), seed=5))


def test_failed_worker_falls_back_to_building_here():
    view = CaseView(load_case(), seed=5)
    failed: cf.Future = cf.Future()
    failed.set_exception(RuntimeError("worker died"))
    view.compute_elsewhere("forecasts_page", failed)
    assert analysis.forecasts_page(view) == analysis.forecasts_page(CaseView(load_case(), seed=5))
