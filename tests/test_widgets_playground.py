"""Playground headless: every control, divergence and its measured rate, the learner's points
(clicks, erase, CSV in and out, bad files), exports, the bytes of a tick, the neuron tiles."""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime, timezone
from typing import Any

import numpy as np
import pytest

from nnlib import Linear, Sequential, mlp
from nnlib.plots import playground as pictures
from nnlib.plots.training import grid_points
from nnlib.serialize import state_dict_from_json
from nnlib.widgets import Playground
from nnlib.widgets.playground import FEEDS
from nnlib.widgets.playground_controls import CUSTOM
from nnlib.widgets.playground_data import MAX_POINTS, CSVError, parse_csv
from nnlib.widgets.playground_training import STEPS_PER_TICK, TRIAL_TICKS, Setup, start, tick

DRAWN = ("points", "tiles", "region", "loss")


def play(panel: Playground, ticks: int = 1) -> None:
    for _ in range(ticks):
        panel.controls["play"].value += 1


def sent(panel: Playground) -> dict[str, Any]:
    """The items last sent for every drawn layer (the lists are replaced on each send)."""
    return {name: panel.canvas.layer(name) for name in DRAWN}


def message_bytes(items: list[dict[str, Any]]) -> int:
    """What an update of these items weighs on the wire: binary arrays plus the JSON rest."""
    binary = sum(len(v) for item in items for v in item.values() if isinstance(v, bytes))
    rest = [{k: v for k, v in item.items() if not isinstance(v, bytes)} for item in items]
    return binary + len(json.dumps(rest))


def weights(panel: Playground) -> dict[str, list[Any]]:
    return {k: v.tolist() for k, v in panel.model.state_dict().items()}


@pytest.fixture
def panel() -> Playground:
    return Playground(dataset="moons", hidden="4,4", batch_size=10, seed=1)


# ----- every control ------------------------------------------------------------------------


def test_a_play_tick_trains_ten_steps_and_redraws_what_training_changes(panel: Playground) -> None:
    before, start_weights = sent(panel), weights(panel)
    play(panel, 3)
    assert panel.run.steps == [0, 10, 20, 30]
    assert weights(panel) != start_weights
    assert panel.run.train_losses[-1] < panel.run.train_losses[0]
    after = sent(panel)
    for name in ("tiles", "region", "loss"):
        assert after[name] is not before[name], name
    assert after["points"] is before["points"]  # the data did not move
    assert "step 30" in panel.readout.value and "step 30" in panel.canvas.label


def test_the_step_button_trains_one_tick_and_reset_starts_again(panel: Playground) -> None:
    fresh = weights(panel)
    panel.controls["step"].click()
    assert panel.run.step == STEPS_PER_TICK
    assert weights(panel) != fresh
    panel.controls["reset"].click()
    assert panel.run.step == 0 and weights(panel) == fresh  # the same seed, the same start


def test_a_play_value_that_does_not_move_on_trains_nothing(panel: Playground) -> None:
    play(panel, 2)
    panel.controls["play"].value = 1  # the Play widget going back (its own reset)
    assert panel.run.step == 20


@pytest.mark.parametrize(
    ("name", "value"),
    [("dataset", "circles"), ("noise", 0.3), ("seed", 7), ("test_fraction", 0.5)],
)
def test_data_controls_make_new_points_and_a_fresh_network(
    panel: Playground, name: str, value: Any
) -> None:
    play(panel, 2)
    X_before = panel.points.all()[0].copy()
    before = sent(panel)
    panel.controls[name].value = value
    assert panel.run.step == 0
    X_after = panel.points.all()[0]
    assert X_after.shape != X_before.shape or not np.array_equal(X_after, X_before)
    after = sent(panel)
    assert all(after[layer] is not before[layer] for layer in FEEDS[name] & set(DRAWN))
    assert after["points"] != before["points"]


def test_the_test_fraction_sets_the_share_of_test_points(panel: Playground) -> None:
    panel.controls["test_fraction"].value = 0.5
    assert len(panel.points.X_test) == len(panel.points.X_train) == 100
    panel.controls["test_fraction"].value = 0.2
    assert len(panel.points.X_test) == 40 and panel.points.count == 200


@pytest.mark.parametrize(("name", "value"), [("hidden", "8,8,8"), ("activation", "relu")])
def test_network_controls_rebuild_the_diagram_and_resend_the_background(
    panel: Playground, name: str, value: str
) -> None:
    backgrounds = panel.canvas.background_sends
    panel.controls[name].value = value
    assert panel.canvas.background_sends == backgrounds + 1
    linears = [m for m in panel.model if isinstance(m, Linear)]
    if name == "hidden":
        assert [m.out_features for m in linears] == [8, 8, 8, 1]
        assert len(panel.canvas.layer("tiles")) == 3 + 1 + 1  # 3 hidden columns, output, edges
    else:
        assert type(panel.model[1]).__name__ == "ReLU"


def test_optimiser_controls_change_the_optimiser_and_the_readout(panel: Playground) -> None:
    panel.controls["lr"].value = 0.01
    assert panel.run.optimizer.lr == 0.01 and "learning rate 0.01" in panel.readout.value
    panel.controls["l2"].value = 0.01
    assert panel.run.optimizer.weight_decay == 0.01 and "L2 0.01" in panel.readout.value
    panel.controls["batch_size"].value = 50
    assert "batch 50" in panel.readout.value


def test_l2_shrinks_the_weights_that_training_reaches() -> None:
    norms = []
    for l2 in (0.0, 0.03):
        panel = Playground(dataset="xor", hidden="8,8", l2=l2, seed=3)
        play(panel, 20)
        norms.append(sum(float((w**2).sum()) for w in panel.model.state_dict().values()))
    assert norms[1] < 0.8 * norms[0]


def test_the_batch_size_decides_which_points_each_step_sees() -> None:
    results = []
    for batch in (5, 100):
        panel = Playground(batch_size=batch, seed=2)
        play(panel)
        results.append(weights(panel))
    assert results[0] != results[1]
    again = Playground(batch_size=100, seed=2)
    play(again)
    assert weights(again) == results[1]  # the same seed draws the same batches


def test_the_export_button_writes_the_weights_as_json(panel: Playground) -> None:
    play(panel)
    panel.controls["export"].click()
    loaded = state_dict_from_json(panel.controls["json"].value)
    assert {k: v.tolist() for k, v in loaded.items()} == weights(panel)


def test_every_control_with_a_value_is_declared() -> None:
    panel = Playground()
    valued = {n for n, c in panel.controls.items() if hasattr(c, "value")}
    assert valued == set(FEEDS) - {"step", "reset", "export"}
    assert set(FEEDS) == set(panel.controls)


# ----- divergence ---------------------------------------------------------------------------


def diverge(panel: Playground, ticks: int = 20) -> int:
    panel.controls["play"].playing = True
    for count in range(1, ticks + 1):
        play(panel)
        if panel.run.diverged_at is not None:
            return count
    return ticks


def test_divergence_stops_play_and_names_the_step_and_a_rate_that_works() -> None:
    panel = Playground(dataset="spirals", hidden="8,8", lr=31.6)
    diverge(panel)
    assert panel.run.diverged_at is not None
    assert panel.controls["play"].playing is False
    status = panel.status.value
    match = re.search(r"diverged at step (\d+).* Lower it to ([0-9.e-]+) and press reset", status)
    assert match, status
    assert int(match.group(1)) == panel.run.diverged_at
    assert f"diverged at step {panel.run.diverged_at}" in panel.canvas.label
    rate = float(match.group(2))
    assert rate <= 3.17
    steps = panel.run.step
    play(panel, 3)  # play stays stopped: further ticks train nothing
    assert panel.run.step == steps
    # The suggested rate, set on the slider, trains from a fresh start without diverging.
    panel.controls["lr"].value = rate
    panel.controls["reset"].click()
    assert panel.run.diverged_at is None and not panel.status.value.startswith("<b>✗")
    play(panel, TRIAL_TICKS)
    assert panel.run.diverged_at is None
    assert panel.run.train_losses[-1] < 0.98 * panel.run.train_losses[0]


def test_a_loss_that_overflows_stops_play_too(panel: Playground) -> None:
    panel.model[0].weight.data[:] = 1e308  # what a wild step can leave behind
    diverge(panel, 2)
    assert panel.run.diverged_at is not None and panel.run.diverged_at <= STEPS_PER_TICK
    assert "Diverged" in panel.status.value and "Lower it to" in panel.status.value


def test_a_loss_a_million_times_its_start_counts_as_diverged(panel: Playground) -> None:
    from nnlib.widgets.playground_training import _check_growth

    run = panel.run
    run.steps.append(10)
    run.train_losses.append(run.train_losses[0] * 2e6)
    _check_growth(run)
    assert run.diverged_at == 10 and "became" in run.why


# ----- the learner's points -----------------------------------------------------------------


def test_a_click_adds_label_0_and_a_shift_click_label_1(panel: Playground) -> None:
    play(panel, 2)
    count, step = panel.points.count, panel.run.step
    before = panel.canvas.layer("points")
    panel.canvas.click(1, 0.3, 0.4)
    panel.canvas.click(1, -0.5, 0.2, shift=True)
    assert panel.points.count == count + 2
    assert panel.points.X_train[-2:].tolist() == [[0.3, 0.4], [-0.5, 0.2]]
    assert panel.points.y_train[-2:, 0].tolist() == [0.0, 1.0]
    assert panel.controls["dataset"].value == CUSTOM
    assert panel.run.step == step  # the network keeps training where it was
    assert panel.canvas.layer("points") is not before
    panel.canvas.click(0, 100.0, 100.0)  # the diagram takes no points
    panel.canvas.click(2, 10.0, 0.5)  # nor do the loss curves
    assert panel.points.count == count + 2


def test_erase_mode_removes_the_nearest_point_within_reach(panel: Playground) -> None:
    panel.add_point(3.0, 3.0, 1)
    count = panel.points.count
    panel.controls["mode"].value = "erase"
    panel.canvas.click(1, 2.95, 3.02)
    assert panel.points.count == count - 1
    assert [3.0, 3.0] not in panel.points.all()[0].tolist()
    assert panel.erase_near(40.0, 40.0) is False  # nothing near: nothing goes
    assert panel.points.count == count - 1


def test_erasing_every_point_leaves_a_panel_that_still_answers() -> None:
    panel = Playground()
    panel.load_csv("x1,x2,label\n0.5,0.5,1\n")
    assert panel.points.count == 1 and len(panel.points.X_test) == 0
    assert panel.erase_near(0.5, 0.5)
    play(panel)
    assert panel.points.count == 0 and panel.run.step == 0
    panel.add_point(0.1, 0.1, 0)
    assert panel.points.count == 1


def test_a_csv_replaces_the_points_and_comes_back_out_the_same(panel: Playground) -> None:
    rng = np.random.default_rng(5)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] > 0).astype(int)
    text = "x1,x2,label\n" + "".join(
        f"{float(a)!r},{float(b)!r},{c}\n" for (a, b), c in zip(X, y, strict=True)
    )
    panel.load_csv(text)
    assert panel.points.count == 40 and panel.controls["dataset"].value == CUSTOM
    assert len(panel.points.X_test) == 12  # ceil(0.3 · 40)
    assert panel.run.step == 0
    X2, y2 = parse_csv(panel.to_csv())
    rows = sorted(map(tuple, np.column_stack([X2, y2]).tolist()))
    assert rows == sorted(map(tuple, np.column_stack([X, y]).tolist()))  # every digit kept


def test_the_download_link_holds_the_points_as_csv(panel: Playground) -> None:
    panel.add_point(0.25, -0.75, 1)
    match = re.search(r'href="data:text/csv;base64,([^"]+)"', panel.download.value)
    assert match and 'download="points.csv"' in panel.download.value
    assert base64.b64decode(match.group(1)).decode() == panel.to_csv()
    assert "0.25,-0.75,1" in panel.to_csv()


BAD_CSV = [
    ("a,b,c\n1,2,0\n", r"^Line 1 \(the header\) must name the columns x1, x2, label, got a, b, c"),
    ("x1,x2\n1,2\n", r"^Line 1 \(the header\) must name the columns x1, x2, label, got x1, x2"),
    ("x1,x2,label\n1,2,0\n1,abc,1\n", r"^Line 3: x2 is 'abc', not a number"),
    ("x1,x2,label\n1,2,0\n1,nan,1\n", r"^Line 3: x2 is nan; write a finite number"),
    ("x1,x2,label\n1,2,0\n1,2,2\n", r"^Line 3: label is 2, but labels must be 0 or 1"),
    ("x1,x2,label\n1,2,0.5\n", r"^Line 2: label is 0.5, but labels must be 0 or 1"),
    ("x1,x2,label\n1,2\n", r"^Line 2 has 2 values, '1,2'; each line needs three"),
    ("", r"^The file is empty"),
    ("\n \n", r"^The file is empty"),
    ("x1,x2,label\n", r"^The file has a header but no points"),
    ("x1,x2,label\n" + "0.1,0.2,1\n" * 100_000, r"^The file has 100,000 points; the playground "),
]


@pytest.mark.parametrize(("text", "pattern"), BAD_CSV, ids=[p[7:40] for _, p in BAD_CSV])
def test_a_bad_csv_is_refused_and_the_points_stay(
    panel: Playground, text: str, pattern: str
) -> None:
    before, csv = panel.points.count, panel.to_csv()
    with pytest.raises(CSVError, match=pattern):
        panel.load_csv(text)
    assert panel.to_csv() == csv and panel.points.count == before


@pytest.mark.parametrize(("text", "pattern"), BAD_CSV[::2], ids=[p[7:40] for _, p in BAD_CSV[::2]])
def test_a_bad_upload_shows_its_message_and_the_points_stay(
    panel: Playground, text: str, pattern: str
) -> None:
    csv, dataset = panel.to_csv(), panel.controls["dataset"].value
    upload(panel, text.encode())
    assert "File refused" in panel.status.value
    assert re.search(pattern.lstrip("^").replace("'", "&#x27;"), panel.status.value)
    assert panel.to_csv() == csv and panel.controls["dataset"].value == dataset


def upload(panel: Playground, content: bytes, name: str = "points.csv") -> None:
    panel.controls["upload"].value = (
        {"name": name, "type": "text/csv", "size": len(content), "content": memoryview(content),
         "last_modified": datetime(2026, 1, 1, tzinfo=timezone.utc)},
    )  # fmt: skip


def test_a_good_upload_replaces_the_points(panel: Playground) -> None:
    upload(panel, b"x1,x2,label\n0,0,0\n1,1,1\n2,2,1\n-1,-1,0\n")
    assert panel.points.count == 4 and "Loaded 4 points from points.csv" in panel.status.value
    assert panel.controls["dataset"].value == CUSTOM
    upload(panel, b"\xff\xfe\x00binary")
    assert "not a text file" in panel.status.value and panel.points.count == 4


def test_points_past_the_maximum_are_refused(panel: Playground) -> None:
    with pytest.raises(ValueError, match="label must be 0 or 1, got 2"):
        panel.add_point(0.0, 0.0, 2)
    with pytest.raises(TypeError, match="x1 must be a single real number"):
        panel.add_point("a", 0.0, 1)
    text = "x1,x2,label\n" + "0.5,0.5,1\n" * MAX_POINTS
    panel.load_csv(text)
    with pytest.raises(ValueError, match="holds at most 10,000 points"):
        panel.add_point(0.0, 0.0, 1)


# ----- exports ------------------------------------------------------------------------------


def test_the_json_export_round_trips(panel: Playground) -> None:
    play(panel, 2)
    copy = mlp([2, 4, 4, 1], "tanh", rng=np.random.default_rng(99))
    copy.load_state_dict(state_dict_from_json(panel.export_json()))
    grid = grid_points((-2.0, 2.0, -2.0, 2.0), 9)
    assert np.array_equal(copy(grid), panel.model(grid))


def test_the_torch_state_dict_loads_into_the_same_torch_network(panel: Playground) -> None:
    torch = pytest.importorskip("torch")
    panel.controls["activation"].value = "relu"
    play(panel, 2)
    net = torch.nn.Sequential(
        torch.nn.Linear(2, 4), torch.nn.ReLU(), torch.nn.Linear(4, 4), torch.nn.ReLU(),
        torch.nn.Linear(4, 1), torch.nn.Sigmoid(),
    ).double()  # fmt: skip
    state = panel.export_state_dict()
    assert all(t.dtype == torch.float64 for t in state.values())
    net.load_state_dict(state)
    grid = grid_points((-2.0, 2.0, -2.0, 2.0), 9)
    theirs = net(torch.tensor(grid)).detach().numpy()
    np.testing.assert_allclose(theirs, panel.model(grid), rtol=1e-12, atol=1e-14)


# ----- what a tick sends, and what the tiles hold --------------------------------------------


@pytest.mark.parametrize("dataset", ["spirals", "circles", "xor", "moons"])
def test_a_tick_of_the_largest_network_sends_at_most_16_kb(dataset: str) -> None:
    panel = Playground(dataset=dataset, hidden="8,8,8", noise=0.5, batch_size=100)
    worst = 0
    for _ in range(60):
        play(panel)
        fed = FEEDS["play"] & set(DRAWN)
        worst = max(worst, sum(message_bytes(panel.canvas.layer(n)) for n in fed))
    assert 2_000 < worst <= 16 * 1024


def decoded(item: dict[str, Any]) -> np.ndarray:
    return np.frombuffer(item["index"], dtype=np.uint8).reshape(item["ny"], item["nx"])


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_each_tile_shows_its_neurons_output_computed_with_nnlib(activation: str) -> None:
    panel = Playground(hidden="8,4,2", activation=activation)
    play(panel, 3)
    grid = grid_points(panel.region.extent, pictures.TILE_PX)
    trace = panel.model.trace(grid)
    hidden = [step.output for step in trace.steps[1:-2:2]]  # after each hidden activation
    low, high = (0.0, 1.0) if activation == "sigmoid" else (-1.0, 1.0)
    images = panel.canvas.layer("tiles")[:3]
    for values, item in zip(hidden, images, strict=True):
        shown = decoded(item)  # rows from the bottom: neuron 0 is the top tile
        for neuron in range(values.shape[1]):
            tile = pictures.tile_of(shown, neuron, values.shape[1]).astype(int)
            a = np.clip(values[:, neuron].reshape(pictures.TILE_PX, -1), low, high)
            expected = np.clip(np.floor((a - low) / (high - low) * pictures.LEVELS) + 1, 1,
                               pictures.LEVELS)  # fmt: skip
            assert np.abs(tile - expected).max() <= 1
            assert np.mean(tile == expected) > 0.97
        gaps = np.ones(len(shown), dtype=bool)
        for neuron in range(values.shape[1]):
            top = (values.shape[1] - 1 - neuron) * (pictures.TILE_PX + pictures.GAP_PX)
            gaps[top : top + pictures.TILE_PX] = False
        assert (shown[gaps] == 0).all()  # the rows between tiles are transparent
        palette = np.frombuffer(item["palette"], dtype=np.uint8).reshape(-1, 4)
        assert palette[0, 3] == 0 and (palette[1:, 3] == 255).all()


def test_the_output_tile_and_the_region_show_the_networks_output(panel: Playground) -> None:
    play(panel, 2)
    output = decoded(panel.canvas.layer("tiles")[-2])
    grid = grid_points(panel.region.extent, pictures.TILE_PX)
    p = panel.model(grid).reshape(pictures.TILE_PX, -1)
    expected = np.clip(np.floor(p * pictures.LEVELS) + 1, 1, pictures.LEVELS)
    assert np.abs(output.astype(int) - expected).max() <= 1


def test_edges_follow_the_weights(panel: Playground) -> None:
    play(panel, 2)
    edges = panel.canvas.layer("tiles")[-1]
    widths = np.frombuffer(edges["width"], dtype=np.float32)
    weights = np.concatenate(
        [m.weight.data.reshape(-1) for m in panel.model if isinstance(m, Linear)]
    )
    assert np.argmax(widths) == np.argmax(np.abs(weights))
    assert np.corrcoef(widths, np.abs(weights))[0, 1] > 0.999
    colours = np.frombuffer(edges["color"], dtype=np.uint8).reshape(-1, 4)
    blue = colours[:, 2] > colours[:, 0]  # blue for w > 0, orange for w < 0
    assert (blue == (weights >= 0)).all()
    dashed = np.frombuffer(edges["dash_index"], dtype=np.uint8)
    solid = [i for i, pattern in enumerate(edges["dashes"]) if not pattern]
    assert (np.isin(dashed, solid) == (weights >= 0)).all()


def test_training_and_test_points_are_drawn_filled_and_hollow(panel: Playground) -> None:
    train0, train1, test0, test1 = panel.canvas.layer("points")
    assert train0["mfc"] != "rgba(255,255,255,1.000)" and test0["mfc"] == "rgba(255,255,255,1.000)"
    assert train0["marker"] == test0["marker"] == "o" and train1["marker"] == test1["marker"] == "s"
    shown = sum(len(np.frombuffer(item["x"], dtype=np.float32)) for item in (test0, test1))
    assert shown == len(panel.points.X_test) == 60


def test_the_trial_behind_a_suggested_rate_is_a_real_run(panel: Playground) -> None:
    setup = Setup((4, 4), "tanh", 1, 0.1, 0.0, 10)
    a, b = start(setup, panel.points), start(setup, panel.points)
    for _ in range(3):
        tick(a, panel.points, 10)
        tick(b, panel.points, 10)
    assert a.train_losses == b.train_losses  # deterministic: the same seed, the same run


def test_the_picture_is_at_most_700_css_px_tall_with_readable_text() -> None:
    panel = Playground(hidden="8,8,8")
    width, height = panel.figure.get_size_inches() * 100
    assert height <= 700 and width <= 1000
    sizes = [t.get_fontsize() for ax in panel.figure.axes for t in ax.texts]
    sizes += [ax.title.get_fontsize() for ax in panel.figure.axes]
    sizes += [t.get_fontsize() for ax in panel.figure.axes for t in ax.get_xticklabels()]
    assert min(sizes) * 100 / 72 >= 10


def test_the_aria_label_says_what_is_shown_with_the_numbers(panel: Playground) -> None:
    play(panel)
    label = panel.canvas.label
    assert label.startswith("step 10 · training loss 0.")
    assert "140 training points (filled) and 60 test points (hollow)" in label
    assert "Network 2-4-4-1 (tanh)" in label


def test_bad_settings_are_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match=r"hidden size must .*got 9"):
        Playground(hidden="9")
    with pytest.raises(ValueError, match="hidden must name 1 to 3 layers, got 4"):
        Playground(hidden=[2, 2, 2, 2])
    with pytest.raises(ValueError, match="The dropdown 'hidden' must be set to one of"):
        Playground().controls["hidden"].value = "5,5,5,5"
    assert Playground(hidden=[3, 5]).model[0].out_features == 3  # any shape up to 3 × 8


def test_a_model_built_like_the_panels_is_a_plain_sequential(panel: Playground) -> None:
    assert isinstance(panel.model, Sequential)
