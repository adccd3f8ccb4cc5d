"""Contrast and colour-vision simulation for the colour tests.

Contrast is the WCAG 2.1 contrast ratio of relative luminances (https://www.w3.org/TR/WCAG21/
#dfn-contrast-ratio): (L_light + 0.05) / (L_dark + 0.05); 3:1 for graphics, 4.5:1 for text.

Dichromatic vision is simulated with the matrices of Machado, Oliveira & Fernandes (2009), "A
Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6), severity
1.0, applied to linear RGB (the sRGB transfer curve removed first), as the paper prescribes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.colors import to_rgb

PROTANOPIA = np.array(
    [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ]
)
DEUTERANOPIA = np.array(
    [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ]
)
VISIONS = {"normal": np.eye(3), "deuteranopia": DEUTERANOPIA, "protanopia": PROTANOPIA}


def linear_rgb(colour: Any) -> np.ndarray:
    """sRGB (any matplotlib colour, alpha ignored) to linear RGB in [0, 1]."""
    c = np.asarray(to_rgb(colour), dtype=np.float64)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def luminance(colour: Any, vision: str = "normal") -> float:
    """WCAG relative luminance of `colour` as seen with `vision`."""
    seen = np.clip(VISIONS[vision] @ linear_rgb(colour), 0.0, 1.0)
    return float(seen @ [0.2126, 0.7152, 0.0722])


def contrast(a: Any, b: Any, vision: str = "normal") -> float:
    """WCAG contrast ratio of two colours, both seen with `vision`: 1 to 21."""
    low, high = sorted((luminance(a, vision), luminance(b, vision)))
    return (high + 0.05) / (low + 0.05)
