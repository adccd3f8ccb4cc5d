"""The 'export' and 'import' buttons and the JSON text box through which a panel's network
leaves the page and comes back, shared by every panel that edits a network."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, Protocol

import ipywidgets as widgets

from nnlib.widgets.base import button

PLACEHOLDER = "Press 'export' to see the weights as JSON, or paste JSON and 'import'."


class SharesJson(Protocol):
    """A panel with a 'json' text box, a status readout and a network it can write and read."""

    controls: dict[str, widgets.Widget]
    status: widgets.HTML
    model: Any

    def export_json(self) -> str: ...

    def import_json(self, text: str) -> None: ...


def json_box(height: str) -> widgets.Textarea:
    """The text box the JSON is written to and pasted into."""
    return widgets.Textarea(
        placeholder=PLACEHOLDER, layout=widgets.Layout(width="100%", height=height)
    )


def json_buttons(
    panel: SharesJson, *, import_tooltip: str, unchanged: str, imported: Callable[[], str]
) -> dict[str, widgets.Button]:
    """'export' writes the network into the box; 'import' loads it, or says why not.

    unchanged: the words after a refused import ("The model is unchanged."); imported: the
    words after a good one, computed then (they may count what was loaded).
    """
    buttons = {
        "export": button("export", "Write every weight and bias as JSON below"),
        "import": button("import", import_tooltip),
    }
    buttons["export"].on_click(lambda _: _export(panel))
    buttons["import"].on_click(lambda _: _import(panel, unchanged, imported))
    return buttons


def _export(panel: SharesJson) -> None:
    panel.controls["json"].value = panel.export_json()
    count = panel.model.num_parameters()
    panel.status.value = f"Exported {count} parameters as JSON. Copy the text to keep it."


def _import(panel: SharesJson, unchanged: str, imported: Callable[[], str]) -> None:
    try:
        panel.import_json(panel.controls["json"].value)
    except (ValueError, TypeError) as error:
        panel.status.value = f"✗ Could not import: {html.escape(str(error))} {unchanged}"
        return
    panel.status.value = imported()
