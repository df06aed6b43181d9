"""Reference values for the forecast tests, from statsmodels' ExponentialSmoothing.

Run by hand (not by npm test) after `pip install statsmodels`:

    python3 test/forecast/reference/make-reference.py

It writes statsmodels-reference.json beside itself. The series are public and are read from
statsmodels' own test files, so their source is the file named in each entry:
- airline: monthly international airline passengers 1949-1960 (Box & Jenkins, Series G;
  R's AirPassengers), `air2_data` in statsmodels/tsa/statespace/tests/results/results_sarimax.py
- aust, oil, ausair, livestock: fpp2 (Hyndman & Athanasopoulos) data sets austourists, oil,
  ausair, livestock, as copied into statsmodels/tsa/holtwinters/tests/test_holtwinters.py
- housing: US housing starts, not seasonally adjusted (FRED HOUSTNSA), 1959-2018,
  statsmodels/tsa/holtwinters/tests/results/housing-data.csv

For each series and model: (1) with fixed smoothing parameters and the fpp3 7.6 "simple"
initial state, statsmodels' one-step fitted values, SSE and forecasts; (2) statsmodels' own fit
of the smoothing parameters from that same (known) initial state: its parameters and SSE.

Forecasts come from both of statsmodels' implementations. holtwinters.ExponentialSmoothing
forecasts the season of the last observation with its value from before that observation was
smoothed (its `s[nobs + m - 1:] = s[(nobs - 1) + j % m]`), so it differs at horizons m, 2m, ...;
the state-space ETSModel (additive errors, same recursions: beta = alpha * beta*) uses the
updated season, as fpp3 8.3's forecast equation does. Both are kept: "forecast" and
"etsForecast" (additive and no season only: ETSModel's multiplicative season is a different
recursion), and holtwinters' own state after the last observation ("finalState": level,
trend before damping, the seasons of the next m observations), which holds the updated season.
"""

import json
import os
import warnings

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.exponential_smoothing.initialization import _initialization_simple
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.holtwinters.tests import test_holtwinters as hw_tests
from statsmodels.tsa.statespace.tests.results.results_sarimax import air2_data

warnings.simplefilter("ignore")
hw_tests.TestHoltWinters.setup_class()
T = hw_tests.TestHoltWinters

SERIES = {
    "airline": (
        list(map(float, air2_data)),
        12,
        "Box & Jenkins Series G (R AirPassengers), statsmodels/tsa/statespace/tests/results/results_sarimax.py air2_data",
    ),
    "aust": (list(hw_tests.aust.values), 4, "fpp2 austourists, statsmodels/tsa/holtwinters/tests/test_holtwinters.py"),
    "oil": (list(T.oildata_oil.values), 1, "fpp2 oil, statsmodels/tsa/holtwinters/tests/test_holtwinters.py"),
    "ausair": (list(T.air_ausair.values), 1, "fpp2 ausair, statsmodels/tsa/holtwinters/tests/test_holtwinters.py"),
    "livestock": (
        list(T.livestock2_livestock.values),
        1,
        "fpp2 livestock, statsmodels/tsa/holtwinters/tests/test_holtwinters.py",
    ),
    "housing": (
        list(hw_tests.housing_data.iloc[:, 0].values),
        12,
        "FRED HOUSTNSA, statsmodels/tsa/holtwinters/tests/results/housing-data.csv",
    ),
}

# (series, trend, damped, seasonal)
CASES = [
    ("oil", False, False, "none"),
    ("ausair", True, False, "none"),
    ("ausair", True, True, "none"),
    ("livestock", True, True, "none"),
    ("aust", True, False, "add"),
    ("aust", True, False, "mul"),
    ("airline", False, False, "none"),
    ("airline", True, True, "none"),
    ("airline", True, False, "add"),
    ("airline", True, False, "mul"),
    ("airline", True, True, "mul"),
    ("housing", True, False, "add"),
    ("housing", True, False, "mul"),
]

GIVEN = {"alpha": 0.3, "beta": 0.1, "gamma": 0.2, "phi": 0.9}
HORIZON = 24


def model_for(y, period, trend, damped, seasonal):
    level, slope, season = _initialization_simple(
        np.asarray(y), "add" if trend else None, None if seasonal == "none" else seasonal, period
    )
    model = ExponentialSmoothing(
        np.asarray(y),
        trend="add" if trend else None,
        damped_trend=damped,
        seasonal=None if seasonal == "none" else seasonal,
        seasonal_periods=period if seasonal != "none" else None,
        initialization_method="known",
        initial_level=level,
        initial_trend=slope if trend else None,
        initial_seasonal=season if seasonal != "none" else None,
    )
    initial = {
        "level": float(level),
        "trend": float(slope) if trend else 0.0,
        "season": [float(s) for s in season] if seasonal != "none" else [0.0],
    }
    return model, initial


def ets_forecast(y, period, trend, damped, seasonal, initial):
    model = ETSModel(
        np.asarray(y),
        error="add",
        trend="add" if trend else None,
        damped_trend=damped,
        seasonal=None if seasonal == "none" else seasonal,
        seasonal_periods=period if seasonal != "none" else None,
        initialization_method="known",
        initial_level=initial["level"],
        initial_trend=initial["trend"] if trend else None,
        initial_seasonal=initial["season"] if seasonal != "none" else None,
    )
    fixed = {"smoothing_level": GIVEN["alpha"]}
    if trend:
        fixed["smoothing_trend"] = GIVEN["alpha"] * GIVEN["beta"]
    if seasonal != "none":
        fixed["smoothing_seasonal"] = GIVEN["gamma"]
    if damped:
        fixed["damping_trend"] = GIVEN["phi"]
    with model.fix_params(fixed):
        result = model.fit(disp=False)
    return [float(v) for v in result.forecast(HORIZON)]


def given_kwargs(trend, damped, seasonal):
    kw = {"smoothing_level": GIVEN["alpha"]}
    if trend:
        kw["smoothing_trend"] = GIVEN["beta"]
    if seasonal != "none":
        kw["smoothing_seasonal"] = GIVEN["gamma"]
    if damped:
        kw["damping_trend"] = GIVEN["phi"]
    return kw


def param(params, name, default):
    v = params.get(name)
    return default if v is None or (isinstance(v, float) and np.isnan(v)) else float(v)


cases = []
for name, trend, damped, seasonal in CASES:
    y, period, source = SERIES[name]
    model, initial = model_for(y, period, trend, damped, seasonal)
    given = model.fit(optimized=False, **given_kwargs(trend, damped, seasonal))
    fitted = model.fit()
    p = fitted.params
    cases.append(
        {
            "series": name,
            "model": {"trend": trend, "damped": damped, "seasonal": seasonal, "period": period},
            "initial": initial,
            "given": {
                "params": {
                    "alpha": GIVEN["alpha"],
                    "beta": GIVEN["beta"] if trend else 0.0,
                    "gamma": GIVEN["gamma"] if seasonal != "none" else 0.0,
                    "phi": GIVEN["phi"] if damped else 1.0,
                },
                "fittedValues": [float(v) for v in given.fittedvalues],
                "sse": float(given.sse),
                "forecast": [float(v) for v in given.forecast(HORIZON)],
                "etsForecast": None
                if seasonal == "mul"
                else ets_forecast(y, period, trend, damped, seasonal, initial),
                "finalState": {
                    "level": float(given.level[-1]),
                    "trend": float(given.trend[-1]) if trend else 0.0,
                    "season": [float(v) for v in given.season[-period:]] if seasonal != "none" else [0.0],
                },
            },
            "fitted": {
                "params": {
                    "alpha": param(p, "smoothing_level", 0.0),
                    "beta": param(p, "smoothing_trend", 0.0),
                    "gamma": param(p, "smoothing_seasonal", 0.0),
                    "phi": param(p, "damping_trend", 1.0),
                },
                "sse": float(fitted.sse),
            },
        }
    )

out = {
    "generatedBy": f"test/forecast/reference/make-reference.py with statsmodels {statsmodels.__version__}, "
    f"numpy {np.__version__}, pandas {pd.__version__}",
    "series": {k: {"values": [float(v) for v in y], "period": period, "source": source} for k, (y, period, source) in SERIES.items()},
    "cases": cases,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "statsmodels-reference.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.basename(path)}")
