"""A move made on the page is not echoed back to it: one message fewer per slider move or Play tick.

The page's update reaches the widget as `set_state` (what ipywidgets' comm handler calls); every
message the panel's widgets then send is counted, as in test_widgets_bytes.py.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pytest
from browser.panel_setups import SETUPS, PanelSetup
from test_widgets_bytes import one_step, widget_tree

from nnlib.widgets.controls import FiniteLogSlider, FiniteSlider, WholeBox, WholePlay, WholeSlider

CONTROLS = (FiniteSlider, FiniteLogSlider, WholeSlider, WholePlay, WholeBox)


def record_methods(panel: Any) -> list[tuple[widgets.Widget, str]]:
    sent: list[tuple[widgets.Widget, str]] = []
    for widget in widget_tree(panel):
        original = widget.comm.send

        def send(data: Any = None, metadata: Any = None, buffers: Any = None,
                 widget: widgets.Widget = widget, original: Any = original) -> Any:  # fmt: skip
            sent.append((widget, (data or {}).get("method", "")))
            return original(data=data, metadata=metadata, buffers=buffers)

        widget.comm.send = send
    return sent


@pytest.mark.parametrize("setup", SETUPS, ids=lambda s: s.name)
def test_a_move_from_the_page_updates_the_panel_without_an_echo(setup: PanelSetup) -> None:
    panel = setup.build()
    sent = record_methods(panel)
    moved = 0
    for control in panel.controls.values():
        if not isinstance(control, CONTROLS) or isinstance(control, (WholePlay, WholeBox)):
            continue
        sent.clear()
        updates = panel.updates
        control.set_state({"value": one_step(control)})  # as the page's comm message does
        assert panel.updates == updates + 1, f"{control.description!r} did not update the panel"
        assert (control, "echo_update") not in sent, f"{control.description!r} was echoed"
        moved += 1
    assert moved, f"{setup.name}: no nnlib slider to move"


@pytest.mark.parametrize("kind", CONTROLS, ids=lambda k: k.__name__)
def test_nnlib_controls_skip_the_echo_but_plain_ipywidgets_keep_it(kind: type) -> None:
    control, plain = kind(), widgets.IntSlider()
    sent = record_methods(widgets.VBox([control, plain]))
    control.set_state({"value": 1})
    plain.set_state({"value": 1})
    assert control.value == 1 and plain.value == 1
    assert (control, "echo_update") not in sent
    assert (plain, "echo_update") in sent  # the default this module turns off: test is live


def test_a_readout_group_refuses_no_or_repeated_classes() -> None:
    from nnlib.widgets.readouts import ReadoutGroup

    for bad in ((), ("nnlib-a", "nnlib-a")):
        with pytest.raises(ValueError, match=r"css_classes must be one or more distinct names"):
            ReadoutGroup(*bad)
