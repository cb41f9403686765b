"""Trains the sales model on models/data/product_features.parquet and writes sales_model.onnx,
model_card.json and parity_fixture.json. Seeded: a re-run writes the same card (no timestamps).

    python3 models/train.py            # all candidates, CV + held-out, ship the selected one
"""

from __future__ import annotations

import json
import math
import platform
import sys
import time
from importlib.metadata import version

import numpy as np
import onnxruntime as ort
from sklearn.base import clone
from sklearn.model_selection import KFold

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from export_onnx import INPUT, linear_to_onnx, trees_to_onnx  # noqa: E402
from sales_model import (  # noqa: E402
    CARD, DATA, DATA_META, FINGERPRINT_COLUMNS, FOLDS, MODEL, NUMERIC, PARITY, SEED, TEST_SIZE,
    candidates, feature_names, file_sha256, load_dataset, metrics, rows_fingerprint, split,
)

# The shipped model must agree with its Python original within this relative difference.
PARITY_TOLERANCE = 1e-4


def cross_validate(model, X, y) -> dict:
    folds = []
    for train, valid in KFold(FOLDS, shuffle=True, random_state=SEED).split(X):
        fitted = clone(model).fit(X[train], y[train])
        folds.append(metrics(y[valid], fitted.predict(X[valid]))["log1p"])
    out = {}
    for key in ("r2", "rmse", "mae"):
        values = np.array([f[key] for f in folds])
        out[key] = {"mean": round(float(values.mean()), 6), "sd": round(float(values.std(ddof=1)), 6)}
    return out


def onnx_predict(proto, X: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(proto.SerializeToString(), providers=["CPUExecutionProvider"])
    dtype = session.get_inputs()[0].type
    x = X.astype(np.float64 if "double" in dtype else np.float32)
    return np.asarray(session.run(None, {INPUT: x})[0], dtype=np.float64).reshape(-1)


def max_relative(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-6)))


def export(name: str, model, X_test: np.ndarray) -> tuple[object, dict]:
    """The ONNX graph of the shipped model, in float where float keeps every prediction within the
    tolerance and in double where a float threshold flips a branch."""
    n = X_test.shape[1]
    expected = model.predict(X_test)
    if name == "linear":
        proto = linear_to_onnx(model, n)
        diff = max_relative(onnx_predict(proto, X_test), expected)
        return proto, {"precision": "double", "max_relative_difference": diff, "float_flips": None}
    proto = trees_to_onnx(model, n, double=False)
    rel = np.abs(onnx_predict(proto, X_test) - expected) / np.maximum(np.abs(expected), 1e-6)
    flips = int((rel > PARITY_TOLERANCE).sum())
    if flips == 0:
        return proto, {"precision": "float", "max_relative_difference": float(rel.max()), "float_flips": 0}
    proto = trees_to_onnx(model, n, double=True)
    diff = max_relative(onnx_predict(proto, X_test), expected)
    return proto, {"precision": "double", "max_relative_difference": diff, "float_flips": flips}


def select(results: dict) -> tuple[str, str]:
    """The best held-out RMSE, unless a simpler candidate (earlier in candidates()) is within one
    CV standard deviation of the best's RMSE: then the simplest such one."""
    best = min(results, key=lambda k: results[k]["test"]["log1p"]["rmse"])
    noise = results[best]["cv"]["rmse"]["sd"]
    limit = results[best]["test"]["log1p"]["rmse"] + noise
    for name in results:  # insertion order = simplest first
        if results[name]["test"]["log1p"]["rmse"] <= limit:
            rule = (
                f"lowest held-out RMSE on log1p: {best}; shipped the simplest candidate within one CV "
                f"standard deviation ({noise:.4f}) of it"
            )
            return name, rule
    return best, "lowest held-out RMSE on log1p"


def main() -> None:
    t0 = time.perf_counter()
    ds = load_dataset()
    train_idx, test_idx = split(ds)
    X_train, y_train = ds.X[train_idx], ds.y[train_idx]
    X_test, y_test = ds.X[test_idx], ds.y[test_idx]

    results, fitted = {}, {}
    for name, model in candidates().items():
        t = time.perf_counter()
        cv = cross_validate(model, X_train, y_train)
        fitted[name] = clone(model).fit(X_train, y_train)
        results[name] = {"cv": cv, "test": metrics(y_test, fitted[name].predict(X_test))}
        print(
            f"{name:8s} CV RMSE {cv['rmse']['mean']:.4f} ± {cv['rmse']['sd']:.4f}  "
            f"R² {cv['r2']['mean']:.4f} ± {cv['r2']['sd']:.4f} | held-out RMSE "
            f"{results[name]['test']['log1p']['rmse']:.4f} R² {results[name]['test']['log1p']['r2']:.4f}"
            f"  ({time.perf_counter() - t:.1f} s)",
            file=sys.stderr,
        )

    chosen, rule = select(results)
    model = fitted[chosen]
    proto, precision = export(chosen, model, X_test)
    if precision["max_relative_difference"] > PARITY_TOLERANCE:
        raise SystemExit(f"ONNX disagrees with {chosen}: {precision}")
    MODEL.write_bytes(proto.SerializeToString())

    meta = json.loads(DATA_META.read_text())
    ranges = {c: [float(ds.X[:, j].min()), float(ds.X[:, j].max())] for j, c in enumerate(NUMERIC)}
    card = {
        "name": "sales_model",
        "task": "units sold per product over the data's period (seed 000's POST /predict/sales)",
        "file": MODEL.name,
        "model_sha256": file_sha256(MODEL),
        "model": chosen,
        "selection": rule,
        "target": "log1p(units_sold)",
        "inverse": "units = expm1(max(prediction, 0))",
        "input": {"name": INPUT, "dtype": "float64" if precision["precision"] == "double" else "float32"},
        "output": proto.graph.output[0].name,
        "numeric_features": NUMERIC,
        "category_vocabulary": ds.vocabulary,
        "feature_names": feature_names(ds.vocabulary),
        "unknown_category": "all one-hot columns zero",
        "training_ranges": ranges,
        "metrics": {
            "held_out": results[chosen]["test"],
            "cv": results[chosen]["cv"],
            "split": {"test_size": TEST_SIZE, "seed": SEED, "folds": FOLDS,
                      "train_rows": int(len(train_idx)), "test_rows": int(len(test_idx))},
        },
        "best_achievable": {
            "r2_log1p": round(meta["demandCeiling"]["r2Log1p"], 6),
            "r2_units": round(meta["demandCeiling"]["r2Raw"], 6),
            "source": "the generator's demandCeiling for the recipe (DATASET.md, The best R² a model can reach)",
        },
        "candidates": results,
        "onnx": {**precision, "max_relative_difference": float(f"{precision['max_relative_difference']:.3e}"),
                 "tolerance": PARITY_TOLERANCE, "opset": 17},
        "data": {
            "table": meta["table"],
            "recipe": meta["recipe"],
            "rows": len(ds.y),
            "parquet": f"data/{DATA.name}",
            "parquet_sha256": file_sha256(DATA),
            "fingerprint": rows_fingerprint(ds.rows),
            "fingerprint_columns": FINGERPRINT_COLUMNS,
            "regenerate": "npx tsx scripts/export-features.ts --out models/data/product_features.parquet",
        },
        "versions": {
            "python": platform.python_version(),
            **{p: version(p) for p in ("numpy", "scikit-learn", "xgboost-cpu", "skl2onnx",
                                        "onnxmltools", "onnx", "onnxruntime", "pyarrow")},
        },
    }
    CARD.write_text(json.dumps(card, indent=2) + "\n")

    # Rows for the TypeScript parity tests: held-out rows plus an unknown category.
    pick = list(test_idx[:48])
    fixture = []
    for i in pick:
        fixture.append({c: ds.rows[c][i] for c in ("product_id", *NUMERIC, "category")})
    fixture.append({"product_id": "unknown-category", "price": 99.9, "discount_percentage": 10.0,
                    "rating": 4.2, "num_reviews": 12, "category": "not_in_vocabulary"})
    from sales_model import feature_matrix
    cols = {c: [r[c] for r in fixture] for c in fixture[0]}
    preds = model.predict(feature_matrix(cols, ds.vocabulary))
    for row, p in zip(fixture, preds):
        row["log1p_units"] = float(p)
        row["units"] = float(np.expm1(max(float(p), 0.0)))
    PARITY.write_text(json.dumps({"tolerance": PARITY_TOLERANCE, "rows": fixture}, indent=1) + "\n")
    print(f"shipped {chosen} ({precision['precision']}); {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    _ = math


if __name__ == "__main__":
    main()
