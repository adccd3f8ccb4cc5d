"""The series' colours and what each one means: the only module that spells a colour.

Every drawing in nnlib takes its colours from the names below, so one colour means one thing in
every notebook. The hues are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"),
chosen to stay apart under the common colour-vision deficiencies; no meaning ever rests on red
against green, and wherever two meanings pair up a second cue (dash, marker shape) carries it too.

Meanings
--------
- Sign of a weight, bias, gradient or synapse: POSITIVE blue, solid; NEGATIVE orange, dashed.
- An output as colour, and the two classes: LOW / CLASS_0 yellow (circles), HIGH / CLASS_1
  reddish purple (squares). OUTPUT_CMAP runs from pale yellow (low) through white (undecided,
  p = 0.5) to pale purple (high): input planes, decision regions and node fills all use it, and
  the data points on top are drawn in the full class colours with a black rim.
- HIGHLIGHT vermillion: what is picked or current (the input point, the picked parameter or bump,
  the operating point, the steps of gradient descent).
- MODEL black: the curve the neuron or network computes (f(z), its output, the loss, the voltage
  trace with its spikes), and the lines it decides by (w·x + b = 0, p = 0.5). A family of such
  curves (one per steepness) runs from grey to black.
- TARGET bluish green, dashed: what the model should match (a target function, the ideal step).
- ERROR bluish green, shaded: the gap between output and target, in the target's hue.
- COMPARISON and REFERENCE grey: a curve set beside the model's (f'(z), a scaled activation,
  another network) with its own dash and marker; axes lines, thresholds, margins, single bumps.

Lines on white need 3:1 (WCAG 2.1, 1.4.11): black, blue, vermillion, green and grey have it;
orange, sky, purple and yellow do not, so they only fill areas, mark with a black rim, or come
with a second cue (the orange dashed negative edges are drawn at least as wide as they weigh).
- MAGNITUDE_CMAP grey to white: a size that is not an output (a loss, a sum of steps); darker is
  smaller. Its darkest grey keeps black marks on it at 3:1.
- Neutral faces: WHITE, PALE (a very light sky: inputs and leaves of diagrams), LIGHT_GREY.

Text uses BLACK, or BLUE where a second kind of number is written (gradients), the only hues with
4.5:1 contrast on white.
"""

from __future__ import annotations

from matplotlib.colors import Colormap, LinearSegmentedColormap, to_hex, to_rgb

# The Okabe–Ito palette.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"  # bluish green
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"  # reddish purple
# Neutrals.
WHITE = "#FFFFFF"
GREY = "#777777"  # 4.5:1 on white: reference lines stay visible
LIGHT_GREY = "#DDDDDD"
DARK_GREY = "#666666"  # the dark end of MAGNITUDE_CMAP: black still has 3.6:1 on it


def tint(colour: str, white_share: float) -> str:
    """`colour` mixed with white: white_share 0 is the colour, 1 is white."""
    r, g, b = (c + (1.0 - c) * white_share for c in to_rgb(colour))
    return to_hex((r, g, b)).upper()


PALE = tint(SKY, 0.8)  # the face of inputs and leaves in diagrams


def model_family(count: int) -> list[str]:
    """`count` shades from grey (first) to black (last), each with 3:1 or more on white."""
    shares = [0.55 * (count - 1 - i) / max(count - 1, 1) for i in range(count)]
    return [tint(BLACK, share) for share in shares]


# Meanings.
POSITIVE, NEGATIVE = BLUE, ORANGE
POSITIVE_STYLE, NEGATIVE_STYLE = "-", "--"
CLASS_0, CLASS_1 = YELLOW, PURPLE
LOW, HIGH = CLASS_0, CLASS_1
CLASS_0_MARKER, CLASS_1_MARKER = "o", "s"
HIGHLIGHT = VERMILLION
MODEL = BLACK
TARGET = GREEN
TARGET_STYLE = "--"
COMPARISON = GREY
REFERENCE = GREY
ERROR = GREEN  # the target's hue: the gap to the target
EDGE = BLACK  # the rim of every marker that sits on a colour map
GRADIENT_TEXT = BLUE

OUTPUT_CMAP: Colormap = LinearSegmentedColormap.from_list(
    "nnlib_output", [tint(LOW, 0.25), WHITE, tint(HIGH, 0.3)]
)
MAGNITUDE_CMAP: Colormap = LinearSegmentedColormap.from_list("nnlib_magnitude", [DARK_GREY, WHITE])
