"""Dyad event series computed by hand on a small frame; bootstrap determinism; CLI over a GDELT fixture.

Net cooperation (q1 + q2 - q3 - q4) / n and Goldstein (1992) weights; document bootstrap
(Efron & Tibshirani 1993, resampling clusters).
"""

import datetime as dt
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from equipoise.analysis.measure.events import all_dyad_series, event_series, series_from_frame
from equipoise.cli import app
from equipoise.errors import ModelInputError
from equipoise.evidence.eventdata import EventTable

FRAME = pd.DataFrame({
    "date": ["2019-03-01", "2019-03-02", "2019-07-01", "2021-01-01", "2021-02-01"],
    "quad": [1, 3, 2, 4, 4],
    "goldstein": [3.0, -2.0, 7.4, -10.0, -9.0],
    "document": ["A", "A", "B", "C", "D"],
})


def test_by_year_by_hand():
    res = series_from_frame(FRAME, ("RUS", "PRK"), by="year", boot=0)
    r19, r21 = res.rows
    assert (r19.bucket, r19.n, r19.q1, r19.q2, r19.q3, r19.q4) == ("2019", 3, 1, 1, 1, 0)
    assert r19.net_coop == pytest.approx(1 / 3) and r19.goldstein_sum == pytest.approx(8.4)
    assert r19.goldstein_mean == pytest.approx(2.8) and r19.documents == 2
    assert (r21.n, r21.net_coop, r21.goldstein_mean) == (2, -1.0, -9.5)


def test_by_period_and_month():
    periods = [("p1", dt.date(2019, 1, 1), dt.date(2019, 6, 30)), ("p2", dt.date(2019, 7, 1), None)]
    res = series_from_frame(FRAME, ("RUS", "PRK"), by="period", periods=periods, boot=0)
    assert [(r.bucket, r.n) for r in res.rows] == [("p1", 2), ("p2", 3)]
    assert [r.bucket for r in series_from_frame(FRAME, ("A", "B"), by="month", boot=0).rows] == \
        ["2019-03", "2019-07", "2021-01", "2021-02"]
    with pytest.raises(ModelInputError, match="--by period needs"):
        series_from_frame(FRAME, ("A", "B"), by="period")


def test_bootstrap_resamples_documents_with_seed():
    a = series_from_frame(FRAME, ("RUS", "PRK"), by="year", boot=400, seed=7)
    b = series_from_frame(FRAME, ("RUS", "PRK"), by="year", boot=400, seed=7)
    assert a.to_dict() == b.to_dict()
    r = a.rows[0]
    # documents A (mean 0.5 over 2 events, net 0) and B (7.4, net 1): every resample's mean lies in [0.5, 7.4]
    assert 0.5 <= r.goldstein_low <= r.goldstein_mean <= r.goldstein_high <= 7.4
    assert 0.0 <= r.net_coop_low <= r.net_coop_high <= 1.0
    one_doc = series_from_frame(FRAME.iloc[:2], ("RUS", "PRK"), by="year", boot=400, seed=7).rows[0]
    assert one_doc.goldstein_low is None  # a single document gives no interval


def _gdelt(ncol, eid, date, a1, a2, code, quad, gold, url):
    row = [""] * ncol
    row[0], row[1], row[7], row[17], row[26], row[29], row[30], row[-1] = \
        str(eid), date, a1, a2, code, str(quad), str(gold), url
    return "\t".join(row)


@pytest.fixture
def gdelt_file(tmp_path):
    lines = [_gdelt(61, 1, "20190301", "RUS", "PRK", "040", 1, 1.0, "u1"),
             _gdelt(61, 2, "20190301", "RUS", "PRK", "040", 1, 1.0, "u2"),  # Phoenix duplicate of row 1
             _gdelt(61, 3, "20190302", "PRK", "RUS", "111", 3, -2.0, "u2"),
             _gdelt(61, 4, "20190302", "USA", "PRK", "163", 4, -8.0, "u3")]
    p = tmp_path / "g.export.CSV"
    p.write_text("\n".join(lines) + "\n")
    return p


def test_table_series_directed_and_all_dyads(tmp_path, gdelt_file):
    table = EventTable(tmp_path / "t")
    table.import_files([gdelt_file], "gdelt")
    und = event_series(table, "RUS", "PRK", by="year", boot=0)
    assert [(r.n, r.q1, r.q3, r.goldstein_sum) for r in und.rows] == [(2, 1, 1, -1.0)]
    dr = event_series(table, "PRK", "RUS", by="year", directed=True, boot=0)
    assert [(r.n, r.q3) for r in dr.rows] == [(1, 1)]
    alld = all_dyad_series(table, by="month")
    assert alld[["source", "target", "bucket", "n"]].values.tolist() == \
        [["PRK", "RUS", "2019-03", 1], ["RUS", "PRK", "2019-03", 1], ["USA", "PRK", "2019-03", 1]]


def test_cli_events(tmp_path, gdelt_file):
    r = CliRunner().invoke(app, ["measure", "events", str(gdelt_file), "--input", "gdelt", "--dyad", "RUS", "PRK",
                                 "--by", "month", "--format", "json", "--boot", "0"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["rows"][0]["bucket"] == "2019-03" and d["rows"][0]["n"] == 2 and d["import"]["rows"] == 4
    r = CliRunner().invoke(app, ["measure", "events", str(gdelt_file), "--input", "acled", "--dyad", "RUS", "PRK"])
    assert r.exit_code == 1 and r.stderr.startswith("Error: --input: unknown input 'acled'")
    store = tmp_path / "s"
    r = CliRunner().invoke(app, ["measure", "events", str(gdelt_file), "--store", str(store), "--dyad", "RUS", "PRK"])
    assert r.exit_code == 0 and any(store.rglob("*.parquet"))
    r = CliRunner().invoke(app, ["measure", "events", "--store", str(store), "--dyad", "RUS", "PRK", "--by", "period",
                                 "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["by"] == "period"
