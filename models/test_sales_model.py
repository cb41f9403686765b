"""The shipped model against its Python original and the card against the shipped model and data."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sales_model import (  # noqa: E402
    CARD, DATA, MODEL, PARITY, candidates, feature_matrix, feature_names, file_sha256,
    load_dataset, metrics, rows_fingerprint, split,
)

card = json.loads(CARD.read_text())


@pytest.fixture(scope="module")
def data():
    ds = load_dataset()
    train, test = split(ds)
    return ds, train, test


def onnx_scores(X: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(str(MODEL), providers=["CPUExecutionProvider"])
    dtype = np.float64 if card["input"]["dtype"] == "float64" else np.float32
    out = session.run([card["output"]], {card["input"]["name"]: X.astype(dtype)})[0]
    return np.asarray(out, dtype=np.float64).reshape(-1)


def test_card_describes_the_shipped_files(data):
    ds, _, _ = data
    assert card["model_sha256"] == file_sha256(MODEL)
    assert card["data"]["parquet_sha256"] == file_sha256(DATA)
    assert card["data"]["fingerprint"] == rows_fingerprint(ds.rows)
    assert card["category_vocabulary"] == ds.vocabulary
    assert card["feature_names"] == feature_names(ds.vocabulary)


def test_onnx_agrees_with_python_on_the_test_split(data):
    ds, train, test = data
    model = candidates()[card["model"]].fit(ds.X[train], ds.y[train])
    expected = model.predict(ds.X[test])
    got = onnx_scores(ds.X[test])
    rel = np.abs(got - expected) / np.maximum(np.abs(expected), 1e-6)
    assert rel.max() < 1e-4


def test_card_metrics_recomputed_from_the_shipped_model(data):
    ds, _, test = data
    got = metrics(ds.y[test], onnx_scores(ds.X[test]))
    for scale in ("log1p", "units"):
        assert got[scale] == pytest.approx(card["metrics"]["held_out"][scale], rel=1e-5, abs=1e-6)


def test_parity_fixture_matches_the_shipped_model():
    rows = json.loads(PARITY.read_text())["rows"]
    cols = {c: [r[c] for r in rows] for c in ("product_id", "price", "discount_percentage",
                                              "rating", "num_reviews", "category")}
    got = onnx_scores(feature_matrix(cols, card["category_vocabulary"]))
    expected = np.array([r["log1p_units"] for r in rows])
    assert np.max(np.abs(got - expected) / np.maximum(np.abs(expected), 1e-6)) < 1e-4
    assert rows[-1]["category"] not in card["category_vocabulary"]


def test_score_is_near_the_best_achievable():
    r2 = card["metrics"]["held_out"]["log1p"]["r2"]
    assert card["best_achievable"]["r2_log1p"] - 0.05 < r2 <= card["best_achievable"]["r2_log1p"] + 0.02


@pytest.mark.skipif(shutil.which("npx") is None or os.environ.get("SKIP_REGENERATE") == "1",
                    reason="needs Node and the repo's npm packages")
def test_training_data_regenerates_to_the_card_fingerprint(tmp_path):
    """CI check of the data fingerprint: the documented recipe, rebuilt by the pipeline."""
    out = tmp_path / "features.parquet"
    root = Path(__file__).resolve().parent.parent
    subprocess.run(["npx", "tsx", "scripts/export-features.ts", "--out", str(out)], cwd=root,
                   check=True, capture_output=True, timeout=600)
    assert rows_fingerprint(load_dataset(out).rows) == card["data"]["fingerprint"]
