"""draw_graph / update_graph: the layout reads left to right, every number is the graph's own,
gradients appear only after backward, and no two labels overlap."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from matplotlib.text import Text

from nnlib.autograd import Value
from nnlib.neuron import format_number
from nnlib.plots import draw_graph, new_figure, update_graph
from nnlib.plots.graph import BOX_HEIGHT, BOX_WIDTH, GraphArtists, graph_layout, graph_size
from nnlib.plots.style import BLUE, GREY, VERMILLION


def neuron_loss(x: float = 2.0, w: float = -0.5, b: float = 0.5, y: float = 1.0) -> Value:
    leaves = Value(x, "x"), Value(w, "w"), Value(b, "b"), Value(y, "y")
    wx = leaves[1] * leaves[0]
    z = wx + leaves[2]
    loss = (z.sigmoid() - leaves[3]) ** 2
    loss.label = "L"
    return loss


def drawn(value: Value) -> GraphArtists:
    figure = new_figure(*graph_size(value))
    return draw_graph(value, figure.add_axes((0, 0, 1, 1)))


def test_inputs_sit_left_of_results_and_boxes_never_overlap() -> None:
    loss = neuron_loss()
    nodes, xy = graph_layout(loss)
    position = {id(n): p for n, p in zip(nodes, xy, strict=True)}
    assert xy[-1, 0] == xy[:, 0].max() and nodes[-1] is loss
    for node in nodes:
        for source in node.inputs:
            assert position[id(source)][0] < position[id(node)][0]
    for (c1, r1), (c2, r2) in itertools.combinations(xy, 2):
        assert c1 != c2 or abs(r1 - r2) >= 1.0
    assert sorted(set(xy[:, 0])) == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]  # leaves next to their users


def test_every_node_shows_its_operation_value_and_gradient_after_backward() -> None:
    loss = neuron_loss()
    art = drawn(loss)
    assert all(t.get_text() == "grad ?" for t in art.grads)  # before backward
    assert not any(t.get_visible() for t in art.edge_labels)
    loss.backward()
    update_graph(art)
    titles = [t.get_text() for t in art.titles]
    assert titles[-1] == "L (**2)" and {"x", "w", "b", "y", "σ", "×", "+", "−"} <= set(titles)
    for node, value, grad in zip(art.nodes, art.values, art.grads, strict=True):
        assert value.get_text() == f"data {format_number(node.data)}"
        assert grad.get_text() == f"grad {format_number(node.grad)}"
        assert grad.get_color() == BLUE
    assert len(art.edge_labels) == len(art.edges) == 8
    local = [format_number(g) for n in art.nodes for g in n.local_grads]
    assert [t.get_text() for t in art.edge_labels] == local
    assert all(t.get_visible() and t.get_color() == VERMILLION for t in art.edge_labels)


def test_draw_after_backward_shows_gradients_unless_told_not_to() -> None:
    loss = neuron_loss()
    loss.backward()
    w = next(n for n in loss.graph() if n.label == "w")
    art = drawn(loss)
    assert f"grad {format_number(w.grad)}" in [t.get_text() for t in art.grads]
    update_graph(art, gradients=False)
    assert {t.get_text() for t in art.grads} == {"grad ?"}
    assert {t.get_color() for t in art.grads} == {GREY}


def test_update_graph_changes_the_same_texts_in_place() -> None:
    art = drawn(neuron_loss())
    texts = list(art.values)
    moved = neuron_loss(w=1.5)
    moved.backward()
    update_graph(art, moved)
    assert art.values == texts and art.nodes[-1] is moved
    assert art.values[-1].get_text() == f"data {format_number(moved.data)}"
    assert art.grads[-1].get_text() == "grad 1.0"


def test_update_graph_refuses_a_graph_of_another_shape() -> None:
    art = drawn(neuron_loss())
    with pytest.raises(ValueError, match="same shape as the one drawn \\(9 nodes\\)"):
        update_graph(art, Value(1.0).tanh())


def extents(texts: list[Text]) -> list[np.ndarray]:
    return [t.get_window_extent().get_points() for t in texts if t.get_visible() and t.get_text()]


@pytest.mark.parametrize("shared", [False, True])
def test_labels_are_legible_and_never_overlap(shared: bool) -> None:
    x, y = Value(2.0, "x"), Value(1.0, "y")
    value = x * x + x * y if shared else neuron_loss()
    value.backward()
    art = drawn(value)
    figure = art.ax.figure
    figure.canvas.draw()
    texts = [*art.titles, *art.values, *art.grads, *art.edge_labels]
    assert min(t.get_fontsize() for t in texts) * 100 / 72 >= 10  # ≥ 10 CSS px
    boxes = extents(texts)
    for a, b in itertools.combinations(boxes, 2):
        apart = a[1, 0] <= b[0, 0] or b[1, 0] <= a[0, 0] or a[1, 1] <= b[0, 1] or b[1, 1] <= a[0, 1]
        assert apart, (a, b)
    to_data = art.ax.transData.inverted()
    for (col, row), text in zip(art.xy, art.grads, strict=True):  # each number inside its box
        (x0, y0), (x1, y1) = to_data.transform(text.get_window_extent().get_points())
        assert col - BOX_WIDTH / 2 < min(x0, x1) and max(x0, x1) < col + BOX_WIDTH / 2
        assert row - BOX_HEIGHT / 2 < min(y0, y1) and max(y0, y1) < row + BOX_HEIGHT / 2
