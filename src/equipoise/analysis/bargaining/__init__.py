"""Bargaining forecasts: compromise, weighted median, Nash bargaining and expected-utility models.

One input type (:class:`BargainingInput`: actors x position, salience,
capability, with optional ranges), one interface (:func:`forecast`), readers for
KTAB scenario files and the DEU data, a DEU backtest, and case integration.
"""

from .case import CaseForecastResult, RetrodictionResult, forecast_case, forecast_case_issues, retrodiction
from .compromise import compromise_positions
from .deu import DEU_MODELS, DeuBacktestResult, deu_backtest, deu_cross_validate
from .expected_utility import EUHistory, simulate_expected_utility
from .inputs import BargainingInput, DeuIssue, make_input, read_deu_tsv, read_ktab_csv, read_scenario_file, read_simple_csv
from .median import weighted_median_positions
from .models import (MODEL_NAMES, Blend, Compromise, ExpectedUtility, ForecastResult, NashBargaining, WeightedMedian,
                     forecast, model_from_name)
from .nash import nash_positions

__all__ = ["BargainingInput", "DeuIssue", "make_input", "read_deu_tsv", "read_ktab_csv", "read_scenario_file",
           "read_simple_csv", "compromise_positions", "weighted_median_positions", "nash_positions",
           "simulate_expected_utility", "EUHistory", "MODEL_NAMES", "Compromise", "WeightedMedian", "NashBargaining",
           "ExpectedUtility", "Blend", "ForecastResult", "forecast", "model_from_name", "DEU_MODELS",
           "DeuBacktestResult", "deu_backtest", "deu_cross_validate", "CaseForecastResult", "RetrodictionResult",
           "forecast_case", "forecast_case_issues", "retrodiction"]
