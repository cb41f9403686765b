"""ONNX export of the candidates: raw features in, log1p(units) out as `variable` [N, 1]."""

from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.pipeline import Pipeline

OPSET = 17
INPUT = "X"
OUTPUT = "variable"


def linear_to_onnx(model: Pipeline, n_features: int) -> onnx.ModelProto:
    """The log-linear pipeline by hand (skl2onnx has no converter for a custom transformer):
    y = b + w0·ln(price) + w3·ln(1 + num_reviews) + Σ_{j∉{0,3}} wj·xj, in double precision."""
    ols = model.named_steps["ols"]
    w = np.asarray(ols.coef_, dtype=np.float64).reshape(-1)
    rest = w.copy()
    rest[0] = 0.0
    rest[3] = 0.0
    inits = [
        numpy_helper.from_array(rest.reshape(n_features, 1), "w_rest"),
        numpy_helper.from_array(np.array([w[0]], dtype=np.float64), "w_price"),
        numpy_helper.from_array(np.array([w[3]], dtype=np.float64), "w_reviews"),
        numpy_helper.from_array(np.array([float(ols.intercept_)], dtype=np.float64), "bias"),
        numpy_helper.from_array(np.array([1.0], dtype=np.float64), "one"),
        numpy_helper.from_array(np.array([0], dtype=np.int64), "c0"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "c1"),
        numpy_helper.from_array(np.array([3], dtype=np.int64), "c3"),
        numpy_helper.from_array(np.array([4], dtype=np.int64), "c4"),
    ]
    nodes = [
        helper.make_node("Slice", [INPUT, "c0", "c1", "c1"], ["price"]),
        helper.make_node("Log", ["price"], ["ln_price"]),
        helper.make_node("Mul", ["ln_price", "w_price"], ["t_price"]),
        helper.make_node("Slice", [INPUT, "c3", "c4", "c1"], ["reviews"]),
        helper.make_node("Add", ["reviews", "one"], ["reviews1"]),
        helper.make_node("Log", ["reviews1"], ["ln_reviews"]),
        helper.make_node("Mul", ["ln_reviews", "w_reviews"], ["t_reviews"]),
        helper.make_node("MatMul", [INPUT, "w_rest"], ["t_rest"]),
        helper.make_node("Add", ["t_rest", "t_price"], ["s1"]),
        helper.make_node("Add", ["s1", "t_reviews"], ["s2"]),
        helper.make_node("Add", ["s2", "bias"], [OUTPUT]),
    ]
    graph = helper.make_graph(
        nodes,
        "sales_model_linear",
        [helper.make_tensor_value_info(INPUT, TensorProto.DOUBLE, [None, n_features])],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.DOUBLE, [None, 1])],
        inits,
    )
    proto = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="models/train.py"
    )
    proto.ir_version = 8
    onnx.checker.check_model(proto)
    return proto


def trees_to_onnx(model, n_features: int, double: bool) -> onnx.ModelProto:
    """Tree models through skl2onnx (XGBoost via onnxmltools' converter); ZipMap does not apply to
    regressors but is switched off anyway so the output stays a plain tensor."""
    from onnxmltools.convert.xgboost.operator_converters.XGBoost import convert_xgboost
    from skl2onnx import convert_sklearn, update_registered_converter
    from skl2onnx.common.data_types import DoubleTensorType, FloatTensorType
    from skl2onnx.common.shape_calculator import calculate_linear_regressor_output_shapes
    from xgboost import XGBRegressor

    update_registered_converter(
        XGBRegressor, "XGBoostXGBRegressor", calculate_linear_regressor_output_shapes,
        convert_xgboost,
    )
    tensor = DoubleTensorType if double else FloatTensorType
    proto = convert_sklearn(
        model,
        initial_types=[(INPUT, tensor([None, n_features]))],
        target_opset={"": OPSET, "ai.onnx.ml": 3},
        options={"zipmap": False} if hasattr(model, "predict_proba") else None,
        naming="sales_",
    )
    proto.graph.output[0].name = proto.graph.output[0].name  # skl2onnx names it `variable`
    return proto
