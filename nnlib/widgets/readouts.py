"""Several text readouts of a panel in one widget, so one update sends them in one message.

Every widget whose value changes costs one message from the kernel, through the server, to the
page. A panel whose readouts sit together (a formula above its result) keeps them in one
`ReadoutGroup`; the panel's loop holds the group's messages while it updates, so however many
of its lines change, the page gets one message. Each line stays a `<div>` with its own CSS
class, and `group.parts` read and write like separate HTML widgets (`part.value = "..."`).
"""

from __future__ import annotations

import ipywidgets as widgets


class ReadoutPart:
    """One line of a ReadoutGroup: `.value` is its HTML, as a widgets.HTML's would be."""

    def __init__(self, group: ReadoutGroup, css_class: str) -> None:
        self.group = group
        self.css_class = css_class

    @property
    def value(self) -> str:
        return self.group.texts[self.css_class]

    @value.setter
    def value(self, text: str) -> None:
        self.group.set_text(self.css_class, text)


class ReadoutGroup(widgets.HTML):
    """Lines of HTML, each a `<div class=css_class>`, shown and sent as one widget."""

    def __init__(self, *css_classes: str) -> None:
        if not css_classes or len(set(css_classes)) != len(css_classes):
            raise ValueError(
                f"css_classes must be one or more distinct names, got {list(css_classes)}. "
                f"Pass one class per line, such as ReadoutGroup('nnlib-formula', 'nnlib-output')."
            )
        super().__init__()
        self.add_class("nnlib-readouts")
        self.texts = dict.fromkeys(css_classes, "")
        self.parts = [ReadoutPart(self, name) for name in css_classes]

    def set_text(self, css_class: str, text: str) -> None:
        self.texts[css_class] = text
        lines = (f'<div class="{name}">{line}</div>' for name, line in self.texts.items())
        self.value = "".join(lines)
