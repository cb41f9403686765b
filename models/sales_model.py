"""The sales model's data, features, candidates and metrics, shared by train.py and the tests."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.ensemble import GradientBoostingRegressor, RandomForestRegressor, StackingRegressor
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import KFold, train_test_split
from sklearn.pipeline import Pipeline
from xgboost import XGBRegressor

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "product_features.parquet"
DATA_META = HERE / "data" / "product_features.json"
MODEL = HERE / "sales_model.onnx"
CARD = HERE / "model_card.json"
PARITY = HERE / "parity_fixture.json"

SEED = 42
TEST_SIZE = 0.2
FOLDS = 5
NUMERIC = ["price", "discount_percentage", "rating", "num_reviews"]
# Columns of the row fingerprint, in this order (src/ml/fingerprint.ts computes the same text).
FINGERPRINT_COLUMNS = [
    "product_id", "price", "discount_percentage", "rating", "num_reviews", "category", "units_sold",
]


@dataclass
class Dataset:
    rows: dict[str, list]
    vocabulary: list[str]
    X: np.ndarray
    y: np.ndarray  # log1p(units_sold)
    units: np.ndarray


def js_number(value) -> str:
    """A number as JavaScript's String(x) prints it (shortest round trip, integers without '.0')."""
    if value is None:
        return ""
    x = float(value)
    if x.is_integer() and abs(x) < 1e21:
        return str(int(x))
    return repr(x)


def rows_fingerprint(rows: dict[str, list]) -> str:
    """SHA-256 of the feature rows sorted by product_id, one tab-separated line each."""
    order = sorted(range(len(rows["product_id"])), key=lambda i: rows["product_id"][i])
    h = hashlib.sha256()
    for i in order:
        cells = [
            rows[c][i] if c in ("product_id", "category") else js_number(rows[c][i])
            for c in FINGERPRINT_COLUMNS
        ]
        h.update(("\t".join("" if v is None else str(v) for v in cells) + "\n").encode())
    return h.hexdigest()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def feature_names(vocabulary: list[str]) -> list[str]:
    return NUMERIC + [f"category={c}" for c in vocabulary]


def feature_matrix(rows: dict[str, list], vocabulary: list[str]) -> np.ndarray:
    """Raw features in the card's order: the numbers, then the category one-hot (unknown: zeros)."""
    n = len(rows["product_id"])
    X = np.zeros((n, len(NUMERIC) + len(vocabulary)), dtype=np.float64)
    for j, c in enumerate(NUMERIC):
        X[:, j] = np.asarray(rows[c], dtype=np.float64)
    index = {c: k for k, c in enumerate(vocabulary)}
    for i, c in enumerate(rows["category"]):
        k = index.get(c)
        if k is not None:
            X[i, len(NUMERIC) + k] = 1.0
    return X


def load_dataset(path: Path = DATA) -> Dataset:
    rows = pq.read_table(path).to_pydict()
    vocabulary = sorted(set(rows["category"]))
    units = np.asarray(rows["units_sold"], dtype=np.float64)
    return Dataset(rows, vocabulary, feature_matrix(rows, vocabulary), np.log1p(units), units)


def split(ds: Dataset):
    idx = np.arange(len(ds.y))
    return train_test_split(idx, test_size=TEST_SIZE, random_state=SEED)


class LogFeatures(BaseEstimator, TransformerMixin):
    """ln(price) and ln(1 + num_reviews): demand is multiplicative in them (DATASET.md, Demand)."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        Z = np.array(X, dtype=np.float64, copy=True)
        Z[:, 0] = np.log(Z[:, 0])
        Z[:, 3] = np.log1p(Z[:, 3])
        return Z


def candidates() -> dict[str, object]:
    """Simplest first: the selection prefers an earlier one within noise of the best. One thread
    each: on a busy 2-core machine XGBoost's OpenMP with 2 threads ran 30× slower (measured)."""
    rf = RandomForestRegressor(
        n_estimators=60, min_samples_leaf=5, max_features=0.3, n_jobs=1, random_state=SEED
    )
    gb = GradientBoostingRegressor(
        n_estimators=100, max_depth=3, learning_rate=0.08, subsample=0.8, random_state=SEED
    )
    xgb = XGBRegressor(
        n_estimators=200, max_depth=4, learning_rate=0.05, subsample=0.8, colsample_bytree=0.8,
        n_jobs=1, random_state=SEED, tree_method="hist",
    )
    single = XGBRegressor(
        n_estimators=400, max_depth=3, learning_rate=0.05, subsample=0.8, colsample_bytree=0.8,
        n_jobs=1, random_state=SEED, tree_method="hist",
    )
    return {
        "linear": Pipeline([("log", LogFeatures()), ("ols", LinearRegression())]),
        "xgboost": single,
        "stack": StackingRegressor(
            estimators=[("rf", rf), ("gb", gb), ("xgb", xgb)],
            final_estimator=LinearRegression(),
            cv=KFold(FOLDS, shuffle=True, random_state=SEED),
            n_jobs=1,
        ),
    }


def metrics(y_log: np.ndarray, pred_log: np.ndarray) -> dict:
    units = np.expm1(y_log)
    pred_units = np.expm1(np.maximum(pred_log, 0.0))
    r = lambda v: float(round(float(v), 6))  # noqa: E731
    return {
        "log1p": {
            "r2": r(r2_score(y_log, pred_log)),
            "rmse": r(math.sqrt(mean_squared_error(y_log, pred_log))),
            "mae": r(mean_absolute_error(y_log, pred_log)),
        },
        "units": {
            "r2": r(r2_score(units, pred_units)),
            "rmse": r(math.sqrt(mean_squared_error(units, pred_units))),
            "mae": r(mean_absolute_error(units, pred_units)),
        },
    }
