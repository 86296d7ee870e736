"""Errors arrive as staffeval.Error subclasses with located messages and diagnostics."""

import pytest

import staffeval


def test_model_error_is_located():
    with pytest.raises(staffeval.ModelError) as info:
        staffeval.load_model("id: x\nweights: relative\nindicators: 3\n", "bad.yaml")
    e = info.value
    assert isinstance(e, staffeval.Error) and isinstance(e, ValueError)
    assert e.message.startswith("bad.yaml:3:")
    assert e.diagnostics[0]["line"] == 3 and e.diagnostics[0]["field"] == "indicators"


def test_missing_files():
    with pytest.raises(staffeval.ModelError, match="no-such-model.yaml"):
        staffeval.load_model("no-such-model.yaml")
    with pytest.raises(staffeval.DataError, match="no-such-units.csv"):
        staffeval.load_table("no-such-units.csv")
    # A mistyped path without an extension is a file that cannot be read, not YAML text.
    with pytest.raises(staffeval.ModelError, match="models/three-level"):
        staffeval.load_model("models/three-level")


def test_options_error_carries_the_option(tiny, tiny_table):
    with pytest.raises(staffeval.OptionsError) as info:
        tiny.score(tiny_table, missing="maybe")
    assert info.value.diagnostics[0]["field"] == "missing" and info.value.diagnostics[0]["value"] == "maybe"
    with pytest.raises(TypeError, match="DataFrame"):
        tiny.score(42)


def test_a_model_reading_a_missing_column(tiny):
    import numpy as np
    t = staffeval.table(np.ones((3, 2)), ["a", "c"], ["u1", "u2", "u3"])
    with pytest.raises(staffeval.DataError, match='unknown column "b"'):
        tiny.score(t)


def test_public_names():
    assert set(staffeval.__all__) >= {"load_model", "score", "compare", "Error", "weights", "sensitivity"}
    for name in staffeval.__all__:
        assert hasattr(staffeval, name), name
