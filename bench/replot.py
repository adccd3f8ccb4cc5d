"""Draw a panel's current content again from scratch with pyplot, as a naive notebook would."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.collections import Collection, LineCollection, PathCollection, QuadMesh
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.patches import PathPatch


def replot(source: Figure) -> Figure:
    """A new pyplot figure of the same size holding a copy of every line, image, mark and text."""
    figure = plt.figure(figsize=source.get_size_inches(), dpi=source.dpi)
    for axes in source.axes:
        copy_axes(axes, figure.add_axes(axes.get_position()))
    return figure


def copy_axes(old: Axes, new: Axes) -> None:
    for line in old.lines:
        new.plot(*line.get_data(), **_line_style(line))
    for image in old.images:
        _copy_image(image, new)
    for collection in old.collections:
        _copy_collection(collection, new)
    for patch in old.patches:
        path = patch.get_path().transformed(patch.get_patch_transform())
        new.add_patch(PathPatch(path, fc=patch.get_facecolor(), ec=patch.get_edgecolor()))
    for text in old.texts:
        where = new.transAxes if text.get_transform() == old.transAxes else new.transData
        new.text(*text.get_position(), text.get_text(), transform=where, **_text_style(text))
    new.set_xlim(old.get_xlim())
    new.set_ylim(old.get_ylim())
    new.set_title(old.get_title(), fontsize="medium")
    new.set_xlabel(old.get_xlabel())
    new.set_ylabel(old.get_ylabel())
    if not old.axison:
        new.set_axis_off()
    if old.get_legend() is not None:
        new.legend(fontsize="small")


def _line_style(line: Any) -> dict[str, Any]:
    return {
        "color": line.get_color(),
        "linewidth": line.get_linewidth(),
        "linestyle": line.get_linestyle(),
        "marker": line.get_marker(),
        "markersize": line.get_markersize(),
        "label": line.get_label(),
    }


def _text_style(text: Any) -> dict[str, Any]:
    return {
        "fontsize": text.get_fontsize(),
        "color": text.get_color(),
        "ha": text.get_ha(),
        "va": text.get_va(),
    }


def _copy_image(image: AxesImage, new: Axes) -> None:
    vmin, vmax = image.get_clim()
    new.imshow(
        image.get_array(),
        extent=image.get_extent(),
        cmap=image.get_cmap(),
        vmin=vmin,
        vmax=vmax,
        origin=image.origin,
        aspect="auto",
    )


def _copy_collection(collection: Collection, new: Axes) -> None:
    style = {"facecolors": collection.get_facecolor(), "edgecolors": collection.get_edgecolor()}
    if isinstance(collection, LineCollection):
        copy: Collection = LineCollection(
            collection.get_segments(),
            colors=collection.get_color(),
            linewidths=collection.get_linewidth(),
        )
    elif isinstance(collection, QuadMesh):
        new.pcolormesh(*collection.get_coordinates().transpose(2, 0, 1), collection.get_array())
        return
    elif isinstance(collection, PathCollection) and len(collection.get_offsets()):
        offsets = collection.get_offsets()
        new.scatter(offsets[:, 0], offsets[:, 1], s=collection.get_sizes(), c=style["facecolors"])
        return
    else:
        copy = PathCollection(collection.get_paths(), **style)
    new.add_collection(copy)
