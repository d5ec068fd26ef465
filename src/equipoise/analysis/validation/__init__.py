"""Out-of-sample validation: rolling-origin backtests with baselines and proper scores."""

from .backtest import BacktestResult, ScoredForecast, backtest
from .scores import brier, crps, log_score, skill

__all__ = ["BacktestResult", "ScoredForecast", "backtest", "brier", "crps", "log_score", "skill"]
