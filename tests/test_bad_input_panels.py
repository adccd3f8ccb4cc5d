"""One table of bad inputs to the panels (nnlib.widgets), and NaN set on every numeric control.

Every row is (callable, args, kwargs, exception type, regex); the regex must match the message and
names the argument that was wrong. `test_every_panel_has_rows` keeps the table in step with the
panels exported from nnlib.widgets. The control tests set every numeric control of every panel to
NaN and ±inf from Python, as a learner's code might, and check that the panel, its nnlib object
and what the canvas shows stay exactly as they were.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import numpy as np
import pytest

import nnlib.widgets
from nnlib import LIFNeuron, Linear, Neuron, Sequential, logic_gate, make_moons, mlp
from nnlib.widgets import (
    ActivationExplorer,
    BumpBuilder,
    GraphExplorer,
    HandTuner,
    LIFExplorer,
    LivePanel,
    NetworkExplorer,
    NeuronExplorer,
    Playground,
    TrainingExplorer,
    float_slider,
)
from nnlib.widgets.controls import FiniteLogSlider, FiniteSlider, WholeBox, WholePlay, WholeSlider
from nnlib.widgets.playground_data import CSVError

NAN, INF = float("nan"), float("inf")
OBJ = object()
X4, Y4 = logic_gate("XOR")
XM, YM = make_moons(40, 0.1, rng=np.random.default_rng(0))


def net() -> Sequential:
    return mlp([2, 3, 1], "sigmoid", rng=np.random.default_rng(0))


WIDE = mlp([9, 2, 1], "sigmoid", rng=np.random.default_rng(0))


def network_panel() -> NetworkExplorer:
    return NetworkExplorer(net())


def training_panel() -> TrainingExplorer:
    return TrainingExplorer(n_samples=40)


def playground() -> Playground:
    return Playground(hidden="2")


Case = tuple[Any, tuple[Any, ...], dict[str, Any], type[Exception], str]

CASES: list[Case] = [
    # ActivationExplorer: activation, z, half_range
    (ActivationExplorer, (None,), {}, TypeError, "^activation must be a name given as a string"),
    (ActivationExplorer, (3,), {}, TypeError, "^activation must be a name"),
    (ActivationExplorer, ("softmax",), {}, ValueError, "Unknown activation 'softmax'"),
    (ActivationExplorer, (), {"z": None}, TypeError, "^z must be a single real number"),
    (ActivationExplorer, (), {"z": "1"}, TypeError, "^z must be a single real number, got str"),
    (ActivationExplorer, (), {"z": NAN}, ValueError, "^z must be a finite number"),
    (ActivationExplorer, (), {"z": 10.0}, ValueError, "^z must lie from -6 to 6, got 10"),
    (ActivationExplorer, (), {"half_range": -6.0}, ValueError, "^half_range must lie from 0.5"),
    (ActivationExplorer, (), {"half_range": 1e300}, ValueError, "^half_range must lie .* to 100"),
    (ActivationExplorer, (), {"half_range": None}, TypeError, "^half_range must be a single real"),
    (ActivationExplorer, (), {"half_range": INF}, ValueError, "^half_range must be a finite"),
    # NeuronExplorer: neuron, x, weight_range, input_range
    (NeuronExplorer, ([1.0, 2.0],), {}, TypeError, "^neuron must be an nnlib Neuron, got list"),
    (NeuronExplorer, (Neuron(np.ones(9)),), {}, ValueError, "^neuron must have at most 8 inputs"),
    (NeuronExplorer, (None, "ab"), {}, TypeError, "^x must be numbers, got the string"),
    (NeuronExplorer, (None, [1.0, NAN]), {}, ValueError, "^x must hold only finite numbers"),
    (NeuronExplorer, (None, [1.0]), {}, ValueError, r"^x must hold one number per input"),
    (NeuronExplorer, (), {"weight_range": (3, -3)}, ValueError, r"^weight_range must run from low"),
    (NeuronExplorer, (), {"weight_range": (1, 1)}, ValueError, "^weight_range .* an empty range"),
    (NeuronExplorer, (), {"weight_range": (NAN, 3)}, ValueError, r"^weight_range\[0\] must be"),
    (NeuronExplorer, (), {"weight_range": None}, TypeError, r"^weight_range must be a pair"),
    (NeuronExplorer, (), {"weight_range": "ab"}, TypeError, r"^weight_range must be a pair"),
    (NeuronExplorer, (), {"weight_range": (1, 2, 3)}, ValueError, "^weight_range must be a pair"),
    (NeuronExplorer, (), {"weight_range": (0, 1e9)}, ValueError, "^weight_range must lie within"),
    (NeuronExplorer, (), {"input_range": (5, -5)}, ValueError, "^input_range must run from low"),
    (NeuronExplorer, (), {"input_range": (-1, "b")}, TypeError, r"^input_range\[1\] must be a sin"),
    # NetworkExplorer: model, x, value_range, input_range, and pick()
    (NetworkExplorer, (None,), {}, TypeError, "^model must be a Sequential"),
    (NetworkExplorer, (Linear(3, 1),), {}, TypeError, "^model must be a Sequential"),
    (NetworkExplorer, (WIDE,), {}, ValueError, "at most 8 inputs; this model has 9"),
    (NetworkExplorer, (net(),), {"x": OBJ}, TypeError, "^x must contain only real numbers"),
    (NetworkExplorer, (net(),), {"x": [1.0]}, ValueError, "^x must hold one number per input"),
    (NetworkExplorer, (net(),), {"value_range": (8, -8)}, ValueError, "^value_range must run fro"),
    (NetworkExplorer, (net(),), {"value_range": (-1, NAN)}, ValueError, r"^value_range\[1\] must"),
    (NetworkExplorer, (net(),), {"value_range": -8}, TypeError, "^value_range must be a pair"),
    (NetworkExplorer, (net(),), {"input_range": (3, -3)}, ValueError, "^input_range must run fro"),
    (NetworkExplorer, (net(),), {"input_range": None}, TypeError, "^input_range must be a pair"),
    (lambda: network_panel().pick(9, 0, 0), (), {}, ValueError, "^layer must be an index from 0"),
    (lambda: network_panel().pick("a", 0, 0), (), {}, TypeError, "^layer must be a whole number"),
    (lambda: network_panel().pick(0, 3, 0), (), {}, ValueError, "^neuron must be an index from 0"),
    (lambda: network_panel().pick(0, 0, 2), (), {}, ValueError, "^weight must be an index .* BIAS"),
    (lambda: network_panel().pick(0, 0, 0.5), (), {}, TypeError, "^weight must be a whole number"),
    (lambda: network_panel().import_json(None), (), {}, TypeError, "^text must be a string of JS"),
    # LIFExplorer: neuron, current, duration, dt, max_current
    (LIFExplorer, ({"tau_m": 10.0},), {}, TypeError, "^neuron must be an nnlib LIFNeuron"),
    (LIFExplorer, (), {"current": None}, TypeError, "^current must be a single real number"),
    (LIFExplorer, (), {"current": NAN}, ValueError, "^current must be a finite number"),
    (LIFExplorer, (), {"current": 1e9}, ValueError, "^current must lie from -1000 to 1000"),
    (LIFExplorer, (), {"duration": -1.0}, ValueError, r"^duration must be positive \(ms\)"),
    (LIFExplorer, (), {"duration": "a"}, TypeError, "^duration must be a single real number"),
    (LIFExplorer, (), {"duration": 1e9}, ValueError, "^duration / dt must be at most"),
    (LIFExplorer, (), {"duration": 20_000.0}, ValueError, "^duration / dt must be at most 100,000"),
    (LIFExplorer, (), {"dt": 0.0}, ValueError, r"^dt must be positive \(ms\)"),
    (LIFExplorer, (), {"dt": None}, TypeError, "^dt must be a single real number"),
    (LIFExplorer, (), {"dt": 50.0}, ValueError, "^dt must be much smaller than the time constant"),
    (LIFExplorer, (), {"max_current": -5.0}, ValueError, "^max_current must lie from 0.1 to 1000"),
    (LIFExplorer, (), {"max_current": NAN}, ValueError, "^max_current must be a finite number"),
    (LIFExplorer, (), {"max_current": "5"}, TypeError, "^max_current must be a single real number"),
    (LIFExplorer, (), {"max_current": 1e300}, ValueError, "^max_current must lie from 0.1 to 1000"),
    # HandTuner: X, y, seed
    (HandTuner, (None, Y4), {}, TypeError, "^X must contain only real numbers"),
    (HandTuner, (np.ones((4, 3)), Y4), {}, ValueError, r"^X must hold .* got shape \(4, 3\)"),
    (HandTuner, (np.ones((0, 2)), np.ones(0)), {}, ValueError, r"^X must hold from 1 to 10,000"),
    (HandTuner, (np.zeros((10_001, 2)), np.zeros(10_001)), {}, ValueError, "^X must hold from 1"),
    (HandTuner, (X4, 5 * Y4), {}, ValueError, "^y must hold the labels 0 and 1, got 5"),
    (HandTuner, (X4, "abcd"), {}, TypeError, "^y must be numbers"),
    (HandTuner, (X4, Y4[:3]), {}, ValueError, "got 4 rows in X and 3 labels in y"),
    (HandTuner, (X4, Y4), {"seed": -1}, ValueError, "^seed must be a whole number from 0 to 4,2"),
    (HandTuner, (X4, Y4), {"seed": 2**40}, ValueError, "^seed must be a whole number from 0"),
    (HandTuner, (X4, Y4), {"seed": "a"}, TypeError, "^seed must be a whole number.* got str"),
    (HandTuner, (X4, Y4), {"seed": None}, TypeError, "^seed must be a whole number.* got NoneType"),
    (HandTuner, (X4, Y4), {"seed": 1.5}, TypeError, "^seed must be a whole number.* got float"),
    # TrainingExplorer: dataset, hidden, activation, lr, seed, n_samples, noise, momentum; step()
    (TrainingExplorer, ([1],), {}, ValueError, "^dataset must be one of 'xor', 'moons'"),
    (TrainingExplorer, (), {"hidden": None}, ValueError, "^hidden must be one of '2', '4'"),
    (TrainingExplorer, (), {"hidden": 8}, ValueError, "^hidden must be one of"),
    (TrainingExplorer, (), {"activation": "softmax"}, ValueError, "^activation must be one of"),
    (TrainingExplorer, (), {"lr": None}, TypeError, "^lr must be a single real number"),
    (TrainingExplorer, (), {"lr": -0.1}, ValueError, r"^lr \(the learning rate\) must be positive"),
    (TrainingExplorer, (), {"lr": NAN}, ValueError, "^lr must be a finite number"),
    (TrainingExplorer, (), {"seed": -1}, ValueError, "^seed must be a whole number from 0 to"),
    (TrainingExplorer, (), {"seed": 10**7}, ValueError, "^seed must be .* got 10,000,000"),
    (TrainingExplorer, (), {"seed": "a"}, TypeError, "^seed must be a whole number.* got str"),
    (TrainingExplorer, (), {"seed": True}, TypeError, "^seed must be a whole number.* got bool"),
    (TrainingExplorer, (), {"n_samples": 10**9}, ValueError, "^n_samples must be at most 5,000"),
    (TrainingExplorer, (), {"n_samples": "a"}, TypeError, "^n_samples must be a positive integer"),
    (TrainingExplorer, (), {"n_samples": 0}, ValueError, "^n_samples must be at least 2"),
    (TrainingExplorer, (), {"n_samples": 100.0}, TypeError, "^n_samples must be a positive integ"),
    (TrainingExplorer, (), {"noise": -1.0}, ValueError, "^noise must lie from 0 to 10, got -1"),
    (TrainingExplorer, (), {"noise": None}, TypeError, "^noise must be a single real number"),
    (TrainingExplorer, (), {"momentum": 2.0}, ValueError, "^momentum must lie from 0 to 0.999"),
    (TrainingExplorer, (), {"momentum": "a"}, TypeError, "^momentum must be a single real number"),
    (lambda: training_panel().step(NAN), (), {}, TypeError, "^n must be a positive integer"),
    (lambda: training_panel().step(0), (), {}, ValueError, "^n must be a positive integer, got 0"),
    (lambda: training_panel().step(10**9), (), {}, ValueError, "^n must be at most 1,000,000"),
    # GraphExplorer: x, w, b, y, always; leaf()
    (GraphExplorer, (), {"x": None}, TypeError, "^x must be a single real number"),
    (GraphExplorer, (), {"x": "a"}, TypeError, "^x must be a single real number, got str"),
    (GraphExplorer, (), {"x": NAN}, ValueError, "^x must be a finite number"),
    (GraphExplorer, (), {"x": 10.0}, ValueError, "^x must lie from -3 to 3, got 10"),
    (GraphExplorer, (), {"w": -INF}, ValueError, "^w must be a finite number"),
    (GraphExplorer, (), {"b": OBJ}, TypeError, "^b must be a single real number"),
    (GraphExplorer, (), {"y": 5.0}, ValueError, "^y must lie from 0 to 1, got 5"),
    (GraphExplorer, (), {"always": "no"}, TypeError, "^always must be True or False, got str"),
    (GraphExplorer, (), {"always": None}, TypeError, "^always must be True or False"),
    (lambda: GraphExplorer().leaf("q"), (), {}, ValueError, "^name must be one of the leaves"),
    # BumpBuilder: target, neurons, steepness; import_json()
    (BumpBuilder, (None,), {}, ValueError, "Unknown target None"),
    (BumpBuilder, ("cos",), {}, ValueError, "Unknown target 'cos'"),
    (BumpBuilder, (), {"neurons": 4.0}, TypeError, "^neurons must be an even number from 2 to 20"),
    (BumpBuilder, (), {"neurons": "4"}, TypeError, "^neurons must be an even number.* got str"),
    (BumpBuilder, (), {"neurons": 7}, ValueError, "^neurons must be an even number.* got 7"),
    (BumpBuilder, (), {"neurons": 10**9}, ValueError, "^neurons must be an even number from 2"),
    (BumpBuilder, (), {"neurons": -2}, ValueError, "^neurons must be an even number.* got -2"),
    (BumpBuilder, (), {"steepness": "a"}, TypeError, "^steepness must be a single real number"),
    (BumpBuilder, (), {"steepness": None}, TypeError, "^steepness must be a single real number"),
    (BumpBuilder, (), {"steepness": NAN}, ValueError, "^steepness must be a finite number"),
    (BumpBuilder, (), {"steepness": 1e5}, ValueError, "^steepness must lie from 5 to 500"),
    (BumpBuilder, (), {"steepness": -1.0}, ValueError, "^steepness must lie from 5 to 500"),
    (lambda: BumpBuilder().import_json(5), (), {}, TypeError, "^text must be a string of JSON"),
    # Playground: data set, hidden sizes, activation, rates, split, batch, seed; points and CSV
    (Playground, ("nope",), {}, ValueError, "^dataset must be one of 'xor', 'moons'"),
    (Playground, (), {"hidden": "9"}, ValueError, "^hidden size must be at most 8, got 9"),
    (Playground, (), {"hidden": "a,b"}, ValueError, "^hidden must list whole numbers"),
    (Playground, (), {"hidden": 4}, TypeError, "^hidden must be a string or a list, got int"),
    (Playground, (), {"hidden": [1, 2, 3, 4]}, ValueError, "^hidden must name 1 to 3 layers"),
    (Playground, (), {"activation": "step"}, ValueError, "^activation must be one of 'tanh'"),
    (Playground, (), {"lr": 0}, ValueError, r"^lr \(the learning rate\) must be positive"),
    (Playground, (), {"lr": NAN}, ValueError, "^lr must be a finite number"),
    (Playground, (), {"noise": -1}, ValueError, "^noise must lie from 0 to 0.5, got -1"),
    (Playground, (), {"noise": "x"}, TypeError, "^noise must be a single real number"),
    (Playground, (), {"test_fraction": 0.95}, ValueError, "^test_fraction must lie from 0.1"),
    (Playground, (), {"l2": 0.5}, ValueError, "^l2 must be one of 0.0, 0.0001"),
    (Playground, (), {"batch_size": 0}, ValueError, "^batch_size must be a positive integer"),
    (Playground, (), {"batch_size": 2.5}, TypeError, "^batch_size must be a positive integer"),
    (Playground, (), {"seed": -1}, ValueError, "^seed must be a whole number from 0 to 999,999"),
    (lambda: playground().add_point(1, 2, 3), (), {}, ValueError, "^label must be 0 or 1, got 3"),
    (lambda: playground().add_point(NAN, 0, 1), (), {}, ValueError, "^x1 must be a finite number"),
    (lambda: playground().erase_near("a", 1), (), {}, TypeError, "^x1 must be a single real"),
    (lambda: playground().load_csv(5), (), {}, TypeError, "^text must be the CSV as a string"),
    (lambda: playground().load_csv("x,y\n"), (), {}, CSVError, r"^Line 1 \(the header\)"),
    # float_slider, the helper every panel builds its sliders with
    (float_slider, ("a", 0.0, 3.0, -3.0), {}, ValueError, "^low must be below high"),
    (float_slider, ("a", 0.0, NAN, 3.0), {}, ValueError, "^low must be a finite number"),
    (float_slider, ("a", None, -3.0, 3.0), {}, TypeError, "^value must be a single real number"),
    (float_slider, ("a", 5.0, -3.0, 3.0), {}, ValueError, "^value must lie from -3 to 3"),
    (float_slider, ("a", 0.0, -3.0, 3.0, 0.0), {}, ValueError, "^step must be above 0"),
]


def case_id(index: int, case: Case) -> str:
    name = getattr(case[0], "__qualname__", type(case[0]).__name__).replace("<lambda>", "lambda")
    return f"{index}-{name}-{case[4][:30]}"


@pytest.mark.parametrize(
    ("fn", "args", "kwargs", "error", "pattern"),
    CASES,
    ids=[case_id(index, case) for index, case in enumerate(CASES)],
)
def test_bad_input_is_refused_with_a_message(
    fn: Any, args: tuple[Any, ...], kwargs: dict[str, Any], error: type[Exception], pattern: str
) -> None:
    with pytest.raises(Exception) as info:
        fn(*args, **kwargs)
    assert type(info.value) is error, f"{type(info.value).__name__}: {info.value}"
    assert re.search(pattern, str(info.value)), f"{pattern!r} not in {str(info.value)!r}"


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 60


PANELS = [
    getattr(nnlib.widgets, name)
    for name in nnlib.widgets.__all__
    if inspect.isclass(getattr(nnlib.widgets, name))
    and issubclass(getattr(nnlib.widgets, name), LivePanel)
    and getattr(nnlib.widgets, name) is not LivePanel
]


def test_every_panel_has_rows() -> None:
    """A panel exported from nnlib.widgets without bad-input rows fails here."""
    assert len(PANELS) == 9
    lambdas = [case[0] for case in CASES if case[0].__name__ == "<lambda>"]
    sources = "\n".join(inspect.getsource(fn) for fn in lambdas)
    for panel in PANELS:
        direct = sum(case[0] is panel for case in CASES)
        assert direct >= 5, f"{panel.__name__} has {direct} constructor rows"
        assert panel in FACTORIES, f"{panel.__name__} has no control test"
    assert "network_panel()" in sources and "training_panel()" in sources
    assert "playground()" in sources


# ----- numeric controls set to NaN or ±inf from Python -------------------------------------------


def frozen(value: Any) -> Any:
    """A comparable copy: arrays become nested lists, dicts and sequences are walked."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, dict):
        return {key: frozen(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [frozen(item) for item in value]
    return value


def graph_leaves(panel: GraphExplorer) -> Any:
    return [panel.leaf(name).data for name in "xwby"], panel.loss.data, panel.fresh


# Each panel, and what its nnlib object holds: none of it may change when a control refuses NaN.
FACTORIES: dict[type[LivePanel], tuple[Callable[[], Any], Callable[[Any], Any]]] = {
    ActivationExplorer: (
        lambda: ActivationExplorer("leaky_relu", z=1.5),
        lambda p: (repr(p.module), p.module.negative_slope, p.z, p.values()),
    ),
    NeuronExplorer: (
        lambda: NeuronExplorer(Neuron([0.5, -1.0], 0.25), [1.0, 2.0]),
        lambda p: (p.neuron.weight.data, p.neuron.bias.data, p.x, p.explanation.a),
    ),
    NetworkExplorer: (network_panel, lambda p: (p.model.state_dict(), p.x, p.selection)),
    LIFExplorer: (
        lambda: LIFExplorer(LIFNeuron(), 2.0),
        lambda p: (repr(p.neuron), p.current, p.result.spike_times, p.fi_rates),
    ),
    HandTuner: (
        lambda: HandTuner(XM, YM, seed=2),
        lambda p: (p.neuron.weight.data, p.neuron.bias.data, p.loss),
    ),
    TrainingExplorer: (
        training_panel,
        lambda p: (p.model.state_dict(), p.optimizer.lr, p.losses, p.X, p._frame),
    ),
    GraphExplorer: (GraphExplorer, graph_leaves),
    BumpBuilder: (
        BumpBuilder,
        lambda p: (p.model.state_dict(), [vars(b) for b in p.bumps], p.steepness, p.error),
    ),
    Playground: (
        playground,
        lambda p: (p.model.state_dict(), p.run.optimizer.lr, p.run.train_losses, p.to_csv()),
    ),
}
GUARDED = (FiniteSlider, FiniteLogSlider, WholeSlider, WholePlay, WholeBox)


def numeric_controls(panel: LivePanel) -> list[str]:
    """Every control whose value is a number (dropdowns pick from a list and are left out)."""
    return [
        name
        for name, control in panel.controls.items()
        if not isinstance(control, widgets.Dropdown)
        and isinstance(getattr(control, "value", None), (int, float))
        and not isinstance(control.value, bool)
    ]


@pytest.mark.parametrize("kind", list(FACTORIES), ids=lambda kind: kind.__name__)
def test_every_numeric_control_is_guarded(kind: type[LivePanel]) -> None:
    panel = FACTORIES[kind][0]()
    names = numeric_controls(panel)
    assert names, f"{kind.__name__} has no numeric controls"
    plain = [n for n in names if not isinstance(panel.controls[n], GUARDED)]
    assert not plain, f"{kind.__name__}: {plain} would store NaN"


@pytest.mark.parametrize("kind", list(FACTORIES), ids=lambda kind: kind.__name__)
@pytest.mark.parametrize("bad", [NAN, INF, -INF], ids=["nan", "inf", "-inf"])
def test_a_control_set_to_nan_or_inf_leaves_the_panel_as_it_was(
    kind: type[LivePanel], bad: float
) -> None:
    make, state = FACTORIES[kind]
    panel = make()
    before = frozen(state(panel))
    layers = {name: panel.canvas.layer(name) for name in panel.canvas.layer_names}
    label, updates = panel.canvas.label, panel.updates
    for name in numeric_controls(panel):
        control = panel.controls[name]
        value = control.value
        what = "a whole number" if isinstance(value, int) else "a finite number"
        message = (
            f"must be set to {what}, got {bad}. It keeps {re.escape(str(value))}"
            if isinstance(value, int)
            else f"must be set to {what}, got {bad}. It keeps "
        )
        with pytest.raises(ValueError, match=f"'{re.escape(control.description)}' {message}"):
            control.value = bad
        assert control.value == value, name
        assert frozen(state(panel)) == before, name
    assert panel.updates == updates
    assert panel.canvas.label == label
    assert all(panel.canvas.layer(name) is items for name, items in layers.items())


@pytest.mark.parametrize("bad", ["0.5", None, OBJ, [0.5]])
def test_a_control_set_to_a_non_number_names_the_control(bad: Any) -> None:
    panel = NeuronExplorer(Neuron([0.5, -1.0], 0.25), [1.0, 2.0])
    with pytest.raises(TypeError, match=r"^The slider 'w1' must be set to a finite number, got"):
        panel.controls["w1"].value = bad
    assert panel.neuron.weight.data.tolist() == [0.5, -1.0]


def test_a_count_refuses_a_fraction_instead_of_truncating_it() -> None:
    panel = BumpBuilder(neurons=6)
    message = r"^The slider 'neurons N' must be set to a whole number, got 4\.5\. It keeps 6, and"
    with pytest.raises(ValueError, match=message):
        panel.controls["neurons"].value = 4.5
    assert len(panel.bumps) == 3
    panel.controls["neurons"].value = 4.0  # a whole number given as a float is still fine
    assert len(panel.bumps) == 2


def test_the_message_says_what_keeps_its_value_and_the_range() -> None:
    panel = training_panel()
    expected = (
        "The slider 'learning rate' must be set to a finite number, got nan. It keeps 0.1, and "
        "so does the optimizer; set a number from 0.001 to 31.623."
    )
    with pytest.raises(ValueError, match=re.escape(expected)):
        panel.controls["lr"].value = NAN
    assert panel.optimizer.lr == 0.1


def test_a_refused_value_from_the_page_leaves_the_model_as_it_was() -> None:
    """The page sends values through set_state: the same check holds for them."""
    panel = network_panel()
    before = frozen(panel.model.state_dict())
    with pytest.raises(ValueError, match="The slider 'value' must be set to a finite number"):
        panel.controls["value"].set_state({"value": NAN})
    assert frozen(panel.model.state_dict()) == before


def test_seeds_are_refused_not_clamped() -> None:
    with pytest.raises(ValueError, match="seed must be a whole number from 0 to 999,999"):
        TrainingExplorer(seed=1_000_000)
    assert TrainingExplorer(seed=999_999, n_samples=40).controls["seed"].value == 999_999
