"""draw_network / update_network: the diagram shows the live model's weights, biases and values."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from colour_vision import contrast
from matplotlib.colors import to_rgba
from matplotlib.text import Text

from nnlib import Linear, ReLU, Sequential, Sigmoid
from nnlib.plots.network import NetworkArtists, draw_network, update_network, weight_gradients
from nnlib.plots.network_layout import network_layout
from nnlib.plots.payload import png
from nnlib.plots.style import NEGATIVE, POSITIVE, new_figure


def net_3441(seed: int = 0) -> Sequential:
    rng = np.random.default_rng(seed)
    return Sequential(
        Linear(3, 4, rng=rng), Sigmoid(), Linear(4, 4, rng=rng), Sigmoid(), Linear(4, 1, rng=rng)
    )


def net_mnist(seed: int = 0) -> Sequential:
    rng = np.random.default_rng(seed)
    return Sequential(
        Linear(784, 16, rng=rng), ReLU(), Linear(16, 16, rng=rng), ReLU(), Linear(16, 10, rng=rng)
    )


def draw(model: Sequential, **kwargs: object) -> NetworkArtists:
    figure = new_figure(6, 3)
    return draw_network(model, figure.add_axes((0, 0, 1, 0.9)), **kwargs)  # type: ignore[arg-type]


def edge_rgba(artists: NetworkArtists, position: int) -> tuple[float, ...]:
    return tuple(artists.edges.get_colors()[position])


def test_3441_draws_every_node_and_edge_with_no_sampling_note() -> None:
    artists = draw(net_3441())
    assert artists.layout.sizes == (3, 4, 4, 1)
    assert len(artists.nodes.get_offsets()) == 12
    assert len(artists.edges.get_segments()) == 3 * 4 + 4 * 4 + 4 * 1
    assert artists.note is None
    labels = [t.get_text() for t in artists.layer_texts]
    assert labels[0].startswith("input layer") and labels[-1].startswith("output layer")
    assert labels[1].startswith("hidden layer 1") and labels[2].startswith("hidden layer 2")
    assert labels[0].endswith("(3 nodes)") and labels[-1].endswith("(1 node)")


def test_edge_colour_style_and_width_follow_each_weight() -> None:
    model = net_3441()
    artists = draw(model)
    weight = model[2].weight.data  # type: ignore[attr-defined]
    for row in range(4):
        for col in range(4):
            position = artists.edge_position(1, row, col)
            assert position is not None
            expected = POSITIVE if weight[row, col] > 0 else NEGATIVE
            assert edge_rgba(artists, position) == to_rgba(expected)
    widths = artists.edges.get_linewidths()
    flat = slice(artists.edge_slice(1).start, artists.edge_slice(1).stop)
    order = np.argsort(np.abs(weight.ravel()))
    assert np.all(np.diff(widths[flat][order]) >= 0), "a bigger |weight| is never drawn thinner"


def test_update_recolours_and_rewidens_the_changed_edge_in_place() -> None:
    model = net_3441()
    artists = draw(model)
    edges = artists.edges
    position = artists.edge_position(0, 2, 1)
    assert position is not None
    model[0].weight.data[2, 1] = 0.01  # type: ignore[attr-defined]
    update_network(artists, model)
    thin = edges.get_linewidths()[position]
    assert edge_rgba(artists, position) == to_rgba(POSITIVE)
    model[0].weight.data[2, 1] = -0.5  # type: ignore[attr-defined]
    update_network(artists, model)
    assert artists.edges is edges, "the same LineCollection is reused"
    assert edge_rgba(artists, position) == to_rgba(NEGATIVE)
    assert edges.get_linewidths()[position] > thin
    assert edges.get_linestyles()[position][1] is not None, "negative edges are dashed"


def test_negative_weights_are_dashed_so_sign_is_not_colour_alone() -> None:
    model = net_3441()
    artists = draw(model)
    weights = model[0].weight.data  # type: ignore[attr-defined]
    styles = artists.edges.get_linestyles()
    for (row, col), value in np.ndenumerate(weights):
        position = artists.edge_position(0, row, col)
        assert position is not None
        dashed = styles[position][1] is not None
        assert dashed == (value < 0)


def test_biases_are_labelled_and_ringed_by_sign() -> None:
    model = net_3441()
    artists = draw(model)
    position = artists.bias_position(1, 3)
    assert position is not None
    model[2].bias.data[3] = -0.25  # type: ignore[attr-defined]
    update_network(artists, model)
    assert artists.bias_texts[position].get_text() == "b=−0.25"
    ring = artists.nodes.get_edgecolors()[3 + position]
    assert tuple(ring) == to_rgba(NEGATIVE)
    model[2].bias.data[3] = 0.5  # type: ignore[attr-defined]
    update_network(artists, model)
    assert artists.bias_texts[position].get_text() == "b=0.50"
    assert tuple(artists.nodes.get_edgecolors()[3 + position]) == to_rgba(POSITIVE)


def test_node_values_are_the_trace_of_the_forward_pass() -> None:
    model = net_3441()
    x = np.array([0.5, -1.0, 2.0])
    artists = draw(model, x=x)
    trace = model.trace(x)
    expected = np.concatenate([x, trace[1].output, trace[3].output, trace[4].output])
    assert artists.value_labels is not None
    shown = [float(t.get_text().replace("−", "-")) for t in artists.value_labels]
    np.testing.assert_allclose(shown, expected, atol=0.005)
    before = artists.nodes.get_facecolors().copy()
    update_network(artists, model, [-2.0, 1.0, 0.0])
    assert not np.allclose(before[:3], artists.nodes.get_facecolors()[:3])
    update_network(artists, model)
    assert [t.get_text() for t in artists.value_labels] == [""] * 12


def test_784_16_16_10_draws_a_sample_and_says_so() -> None:
    model = net_mnist()
    artists = draw(model, x=np.linspace(0.0, 1.0, 784))
    assert artists.layout.sizes == (784, 16, 16, 10)
    drawn = len(artists.edges.get_segments())
    assert 0 < drawn <= 300
    assert artists.note is not None
    note = artists.note.get_text()
    assert f"showing {drawn} of 12,960 edges" in note
    assert "16 of 784 input nodes" in note
    assert "16 of 784 shown" in artists.layer_texts[0].get_text()
    assert len(artists.nodes.get_offsets()) == 16 + 16 + 16 + 10
    assert all(len(rows) > 0 for rows, _ in artists.layout.edges), "every layer keeps edges"
    assert len(png(artists.nodes.figure)) > 1000


def test_sampling_is_deterministic_and_keeps_first_and_last_input() -> None:
    first, second = network_layout(net_mnist(0)), network_layout(net_mnist(1))
    assert all(np.array_equal(a, b) for a, b in zip(first.shown, second.shown, strict=True))
    assert first.shown[0][0] == 0 and first.shown[0][-1] == 783
    for (rows_a, cols_a), (rows_b, cols_b) in zip(first.edges, second.edges, strict=True):
        assert np.array_equal(rows_a, rows_b) and np.array_equal(cols_a, cols_b)


def test_edge_values_show_gradients_at_their_own_scale() -> None:
    model = net_3441()
    model.zero_grad()
    out = model(np.array([[0.5, -1.0, 2.0]]))
    model.backward(np.ones_like(out))
    artists = draw(model)
    grads = weight_gradients(model)
    update_network(artists, model, edge_values=grads, edge_label="gradient")
    assert artists.legend.get_texts()[0].get_text() == "positive gradient"
    drawn = np.concatenate([g[r, c] for g, (r, c) in zip(grads, artists.layout.edges, strict=True)])
    widths = artists.edges.get_linewidths()
    assert widths[np.argmax(np.abs(drawn))] == pytest.approx(artists.max_width)
    by_key = {f"{i}.weight": g for i, g in zip((0, 2, 4), grads, strict=True)}
    update_network(artists, model, edge_values=by_key)
    np.testing.assert_allclose(artists.edges.get_linewidths(), widths)
    assert artists.legend.get_texts()[0].get_text() == "positive weight"


def test_bad_edge_values_are_refused_with_a_clear_message() -> None:
    model = net_3441()
    artists = draw(model)
    with pytest.raises(ValueError, match=r"one array per Linear layer \(3\), got 2"):
        update_network(artists, model, edge_values=[np.zeros((4, 3))] * 2)
    with pytest.raises(ValueError, match=r"edge_values\['2.weight'\] must have the weight's shape"):
        update_network(artists, model, edge_values=[np.zeros((4, 3))] * 3)
    with pytest.raises(ValueError, match=r"missing \['4.weight'\]"):
        update_network(
            artists, model, edge_values={"0.weight": np.zeros((4, 3)), "2.weight": np.zeros((4, 4))}
        )
    with pytest.raises(TypeError, match="edge_values must be a list of arrays"):
        update_network(artists, model, edge_values=3.0)  # type: ignore[arg-type]


def test_bad_models_and_inputs_are_refused_with_a_clear_message() -> None:
    with pytest.raises(TypeError, match="model must be a Sequential"):
        draw(Linear(3, 4))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="layer 2 expects 5 inputs but layer 0 gives 4"):
        draw(Sequential(Linear(3, 4), Sigmoid(), Linear(5, 1)))
    with pytest.raises(ValueError, match="no Linear layer"):
        draw(Sequential(Sigmoid()))
    with pytest.raises(ValueError, match=r"x must hold one value per input node, shape \(3,\)"):
        draw(net_3441(), x=[1.0, 2.0])
    with pytest.raises(ValueError, match="max_edges must be a positive integer"):
        network_layout(net_3441(), max_edges=0)


def labelled_3441() -> tuple[Any, Any, list[Text]]:
    """A 3-4-4-1 diagram with its value labels, and the figure and axes it is drawn on."""
    figure = new_figure(6, 3, dpi=100)
    ax = figure.add_axes((0, 0, 1, 0.9))
    labels = draw_network(net_3441(), ax, x=[0.5, -1.0, 2.0]).value_labels
    assert labels is not None
    return figure, ax, labels


def canvas_pixels(figure: Any) -> np.ndarray:
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba())[..., :3].astype(int).copy()


def test_value_labels_are_plain_texts_centred_on_the_nodes() -> None:
    artists = draw(net_3441(), x=[0.5, -1.0, 2.0])
    labels = artists.value_labels
    assert labels is not None
    assert all(type(label) is Text for label in labels), "plain matplotlib text, no custom artist"
    assert labels[1].get_text() == "−1.00", "a true minus sign"
    fills = artists.nodes.get_facecolors()
    for label, fill in zip(labels, fills, strict=True):
        assert contrast(label.get_color(), fill) >= 4.5, "every label readable on its node"
    for label, node in zip(labels, artists.nodes.get_offsets(), strict=True):
        assert label.get_position() == tuple(node)
        assert (label.get_ha(), label.get_va()) == ("center", "center")


def test_value_labels_are_drawn_centred_on_their_nodes() -> None:
    figure, ax, labels = labelled_3441()
    with_labels = canvas_pixels(figure)
    for label in labels:
        label.set_visible(False)
    changed = np.abs(canvas_pixels(figure) - with_labels).sum(axis=2) > 0
    height = changed.shape[0]
    for node, label in enumerate(labels):
        px, py = ax.transData.transform(label.get_position())
        row, col = height - py, px
        box = changed[int(row) - 12 : int(row) + 12, int(col) - 20 : int(col) + 20]
        rows, cols = np.nonzero(box)
        assert rows.size > 0, f"label {node} drew nothing"
        middle = ((rows.min() + rows.max()) / 2, (cols.min() + cols.max()) / 2)
        assert abs(middle[0] - 12) < 2.5 and abs(middle[1] - 20) < 2.5, f"label {node} off centre"


def test_large_networks_draw_no_labels_by_default() -> None:
    artists = draw(net_mnist())
    assert artists.value_labels is None and artists.bias_texts == []
    labelled = draw(net_mnist(), show_values=True, show_biases=True)
    assert labelled.value_labels is not None and len(labelled.bias_texts) == 16 + 16 + 10
