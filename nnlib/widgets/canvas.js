// The browser half of nnlib's live figures (an anywidget ES module, no build step).
//
// The kernel sends a background picture of everything that stays (axes, ticks, labels), drawn
// by matplotlib at 2x on a clear ground, with each axes' box and limits. On every update it sends only the layers
// that moved, as typed arrays in data coordinates; this module draws them on two canvases, one
// under the background (axes faces and heatmaps) and one over it, at devicePixelRatio.
// Closed-form panels may also name a preview: the module then recomputes those layers itself
// from the sliders' values, in the same frame as the key press, until the kernel's answer for
// those very values arrives.

const FONT = '"DejaVu Sans", "Bitstream Vera Sans", sans-serif';

export function view(dv, Type) {
  // A typed array over a DataView; copied when the offset is not aligned for the type.
  if (!dv) return new Type(0);
  const bytes = Type.BYTES_PER_ELEMENT;
  if (dv.byteOffset % bytes === 0) {
    return new Type(dv.buffer, dv.byteOffset, Math.floor(dv.byteLength / bytes));
  }
  const copy = dv.buffer.slice(dv.byteOffset, dv.byteOffset + dv.byteLength);
  return new Type(copy);
}

// A line's coordinates arrive packed (see nnlib/plots/packing.py): an evenly spaced one as
// {start, step, n, repeat}, blank points outside a "window" left out, and the NaN between the
// pieces of a line drawn in pieces ("gap") left out too. Rebuilt once per item, to the bit.
const unpacked = new WeakMap();

function isGrid(value) {
  return !!value && typeof value === "object" && !ArrayBuffer.isView(value) && "n" in value;
}

export function gridValues({ start, step, n, repeat = 1 }) {
  // start + ⌊k / repeat⌋·step in float64, rounded to float32 as numpy's astype rounds.
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = Math.floor(k / repeat) * step + start;
  return out;
}

function withGaps(values, period) {
  const pieces = values.length / (period - 1);
  const out = new Float32Array(pieces * period).fill(NaN);
  for (let i = 0; i < pieces; i++) {
    out.set(values.subarray(i * (period - 1), (i + 1) * (period - 1)), i * period);
  }
  return out;
}

export function unpackLine(item) {
  // {x, y}: the line's float32 coordinates, as nnlib.plots.packing.unpack_line gives them.
  if (unpacked.has(item)) return unpacked.get(item);
  const coordinate = (value) => {
    if (isGrid(value)) return gridValues(value);
    const values = view(value, Float32Array);
    if (!item.window) return values;
    const [lo, , n] = item.window;
    const full = new Float32Array(n).fill(NaN);
    full.set(values, lo);
    return full;
  };
  let x = coordinate(item.x);
  let y = coordinate(item.y);
  if (item.gap) {
    x = withGaps(x, item.gap);
    y = withGaps(y, item.gap);
  }
  const out = { x, y };
  unpacked.set(item, out);
  return out;
}

export function transform(axes) {
  // Data → CSS px for one axes: [x, y] from the top left of the figure.
  const [left, top, width, height] = axes.box;
  const tx = axes.xscale === "log" ? Math.log10 : (v) => v;
  const ty = axes.yscale === "log" ? Math.log10 : (v) => v;
  const [x0, x1] = axes.xlim.map(tx);
  const [y0, y1] = axes.ylim.map(ty);
  return {
    x: (v) => left + ((tx(v) - x0) / (x1 - x0)) * width,
    y: (v) => top + height - ((ty(v) - y0) / (y1 - y0)) * height,
    box: axes.box,
  };
}

function rgba(bytes, i) {
  const o = 4 * i;
  return `rgba(${bytes[o]},${bytes[o + 1]},${bytes[o + 2]},${bytes[o + 3] / 255})`;
}

function markerPath(ctx, marker, x, y, size) {
  const r = size / 2;
  ctx.beginPath();
  if (marker === "o") {
    // As matplotlib's circle runs: from the bottom, right, up and round (anticlockwise on
    // screen), so a dashed ring's dashes fall where they do in the snapshot.
    ctx.arc(x, y, r, Math.PI / 2, Math.PI / 2 - 2 * Math.PI, true);
  } else if (marker === "s") {
    ctx.rect(x - r, y - r, size, size);
  } else if (marker === "D") {
    // matplotlib's diamond is its square turned by 45°: half a diagonal each way.
    const d = size * Math.SQRT1_2;
    ctx.moveTo(x, y - d); ctx.lineTo(x + d, y); ctx.lineTo(x, y + d); ctx.lineTo(x - d, y);
    ctx.closePath();
  } else if (marker === "*" || marker === "^") {
    const points = marker === "*" ? 5 : 3;
    const inner = marker === "*" ? r * 0.381966 : r;
    const steps = marker === "*" ? 2 * points : points;
    for (let k = 0; k < steps; k++) {
      const radius = marker === "*" && k % 2 ? inner : r;
      const angle = -Math.PI / 2 + (k * 2 * Math.PI) / steps;
      const px = x + radius * Math.cos(angle);
      const py = y + radius * Math.sin(angle);
      if (k === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
    }
    ctx.closePath();
  } else if (marker === "x" || marker === "+") {
    const d = marker === "x" ? r * Math.SQRT1_2 : r;
    if (marker === "x") {
      ctx.moveTo(x - d, y - d); ctx.lineTo(x + d, y + d);
      ctx.moveTo(x - d, y + d); ctx.lineTo(x + d, y - d);
    } else {
      ctx.moveTo(x - d, y); ctx.lineTo(x + d, y); ctx.moveTo(x, y - d); ctx.lineTo(x, y + d);
    }
  }
}

function drawLine(ctx, item, t) {
  const { x: xs, y: ys } = unpackLine(item);
  if (item.width > 0 && xs.length > 1) {
    ctx.strokeStyle = item.color;
    ctx.lineWidth = item.width;
    ctx.setLineDash(item.dash || []);
    ctx.lineJoin = "round";
    ctx.lineCap = item.dash.length ? "butt" : "square";
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < xs.length; i++) {
      if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) { pen = false; continue; }
      const px = t.x(xs[i]);
      const py = t.y(ys[i]);
      if (pen) ctx.lineTo(px, py); else ctx.moveTo(px, py);
      pen = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (!item.marker) return;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    markerPath(ctx, item.marker, t.x(xs[i]), t.y(ys[i]), item.msize);
    if (item.marker !== "x" && item.marker !== "+") {
      ctx.fillStyle = item.mfc;
      ctx.fill();
    }
    if (item.mew > 0) {
      ctx.strokeStyle = item.mec;
      ctx.lineWidth = item.mew;
      ctx.stroke();
    }
  }
}

export function imagePixels(item) {
  // RGBA pixels of a heatmap, top row first, from colour indices whose first row is the bottom.
  const index = view(item.index, Uint8Array);
  const palette = view(item.palette, Uint8Array);
  const { nx, ny } = item;
  const pixels = new Uint8ClampedArray(nx * ny * 4);
  for (let row = 0; row < ny; row++) {
    const out = (ny - 1 - row) * nx;
    for (let col = 0; col < nx; col++) {
      const p = 4 * index[row * nx + col];
      const o = 4 * (out + col);
      pixels[o] = palette[p];
      pixels[o + 1] = palette[p + 1];
      pixels[o + 2] = palette[p + 2];
      pixels[o + 3] = palette[p + 3];
    }
  }
  return pixels;
}

const tiles = new WeakMap(); // heatmap item → its pixels as a small canvas, decoded once

function tileOf(item) {
  let tile = tiles.get(item);
  if (!tile) {
    tile = document.createElement("canvas");
    tile.width = item.nx;
    tile.height = item.ny;
    tile.getContext("2d").putImageData(new ImageData(imagePixels(item), item.nx, item.ny), 0, 0);
    tiles.set(item, tile);
  }
  return tile;
}

function drawImage(ctx, item, t) {
  const { nx, ny } = item;
  if (!nx || !ny) return;
  const tile = tileOf(item);
  const [x0, x1, y0, y1] = item.extent;
  const left = t.x(Math.min(x0, x1));
  const right = t.x(Math.max(x0, x1));
  const top = t.y(Math.max(y0, y1));
  const bottom = t.y(Math.min(y0, y1));
  ctx.imageSmoothingEnabled = !!item.smooth;
  ctx.drawImage(tile, left, top, right - left, bottom - top);
}

function drawSegments(ctx, item, t) {
  const xy = view(item.xy, Float32Array);
  const widths = view(item.width, Float32Array);
  const colors = view(item.color, Uint8Array);
  const dashIndex = view(item.dash_index, Uint8Array);
  ctx.lineCap = item.cap === "projecting" ? "square" : item.cap;
  for (let i = 0; i < widths.length; i++) {
    ctx.strokeStyle = rgba(colors, i);
    ctx.lineWidth = widths[i];
    ctx.setLineDash(item.dashes[dashIndex[i]] || []);
    ctx.beginPath();
    ctx.moveTo(t.x(xy[4 * i]), t.y(xy[4 * i + 1]));
    ctx.lineTo(t.x(xy[4 * i + 2]), t.y(xy[4 * i + 3]));
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

function drawPoints(ctx, item, t) {
  const xy = view(item.xy, Float32Array);
  const sizes = view(item.size, Float32Array);
  const faces = view(item.face, Uint8Array);
  const edges = view(item.edge, Uint8Array);
  const widths = view(item.ewidth, Float32Array);
  const dashIndex = view(item.dash_index, Uint8Array);
  for (let i = 0; i < sizes.length; i++) {
    markerPath(ctx, "o", t.x(xy[2 * i]), t.y(xy[2 * i + 1]), sizes[i]);
    ctx.fillStyle = rgba(faces, i);
    ctx.fill();
    if (widths[i] > 0) {
      ctx.strokeStyle = rgba(edges, i);
      ctx.lineWidth = widths[i];
      ctx.setLineDash(item.dashes[dashIndex[i]] || []);
      ctx.stroke();
    }
  }
  ctx.setLineDash([]);
}

function drawText(ctx, item) {
  // Text positions arrive in CSS px already: labels sit where matplotlib would put them.
  const xy = view(item.xy, Float32Array);
  const aligns = { left: "left", center: "center", right: "right" };
  const baselines = { top: "top", center: "middle", bottom: "bottom", baseline: "alphabetic",
    center_baseline: "middle" };
  for (let i = 0; i < item.text.length; i++) {
    if (!item.text[i]) continue;
    ctx.font = `${item.weight[i] === "bold" ? "bold " : ""}${item.size[i]}px ${FONT}`;
    ctx.fillStyle = item.color[i];
    ctx.textAlign = aligns[item.ha[i]] || "center";
    ctx.textBaseline = baselines[item.va[i]] || "middle";
    ctx.fillText(item.text[i], xy[2 * i], xy[2 * i + 1]);
  }
}

const DRAW = { line: drawLine, image: drawImage, segments: drawSegments, points: drawPoints,
  text: drawText };

export function drawItems(ctx, items, geometry) {
  const sorted = items.map((item, order) => ({ item, order }))
    .sort((a, b) => a.item.z - b.item.z || a.order - b.order);
  for (const { item } of sorted) {
    if (item.visible === false) continue;
    const axes = geometry.axes[item.ax];
    const t = axes ? transform(axes) : null;
    ctx.save();
    ctx.globalAlpha = item.alpha ?? 1;
    if (item.clip && t) {
      const [left, top, width, height] = t.box;
      ctx.beginPath();
      ctx.rect(left, top, width, height);
      ctx.clip();
    }
    DRAW[item.kind](ctx, item, t);
    ctx.restore();
  }
}

// ---- closed-form previews: the same maths as nnlib, for the frames before the kernel answers
//
// A preview takes the kernel's last items of each layer as templates and replaces only the
// numbers the sliders change, computed as nnlib computes them: in float64, operation for
// operation, then stored as float32 as the kernel stores them.

export const ACTIVATIONS = {
  // nnlib.activations.sigmoid: e^(−|z|) lies in (0, 1], so neither branch overflows.
  sigmoid: (z) => {
    const e = Math.exp(-Math.abs(z));
    return z >= 0 ? 1 / (1 + e) : e / (1 + e);
  },
  tanh: Math.tanh,
  relu: (z) => (z > 0 || Number.isNaN(z) ? z : 0), // np.maximum(z, 0.0): +0 at z = −0
  leaky_relu: (z, s = 0.01) => (z >= 0 ? z : s * z),
  step: (z) => (z >= 0 ? 1 : 0),
  identity: (z) => z,
};

export const DERIVATIVES = {
  sigmoid: (z) => {
    const s = ACTIVATIONS.sigmoid(z);
    return s * (1 - s);
  },
  tanh: (z) => {
    const t = Math.tanh(z);
    return 1 - t * t;
  },
  relu: (z) => (z > 0 ? 1 : 0), // 0 at z = 0, as in PyTorch
  leaky_relu: (z, s = 0.01) => (z > 0 ? 1 : s),
  step: () => 0,
  identity: () => 1,
};

export function linspace(start, stop, num) {
  // numpy.linspace: i·step + start, with the last point exactly `stop`.
  const out = new Float64Array(num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

function visibleHalfRange(z, base) {
  // nnlib.plots.activation.visible_half_range
  return Math.abs(z) <= 0.95 * base ? base : Math.ceil(Math.abs(z) * 1.2);
}

function yLimits(low, high) {
  // nnlib.plots.activation._y_limits
  const pad = 0.1 * Math.max(high - low, 1.0);
  return [Math.floor((low - pad) * 4) / 4, Math.ceil((high + pad) * 4) / 4];
}

function extremes(arrays) {
  let low = Infinity;
  let high = -Infinity;
  for (const values of arrays) {
    for (const v of values) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  return [low, high];
}

function templates(model, name) {
  const layer = model.get(`layer_${name}`);
  return (layer && layer.items) || [];
}

function withXY(item, xs, ys) {
  const { gap: _gap, window: _window, ...style } = item;
  return { ...style, x: Float32Array.from(xs), y: Float32Array.from(ys) };
}

function settled(values, model) {
  // The kernel already shows these values (a dropdown's value may not reach the page).
  const stamp = model.get("stamp") || {};
  return Object.entries(values).every(([k, v]) => v === undefined || stamp[k] === v);
}

function activationLayers({ name, slope, z, base, curves, points }) {
  // The curve a = f(z) (and f' if the template has it) and the point (z, f(z)) with its guides,
  // as nnlib.plots.activation draws and moves them.
  const f = (v) => ACTIVATIONS[name](v, slope);
  const g = (v) => DERIVATIVES[name](v, slope);
  const half = visibleHalfRange(z, base);
  const zs = linspace(-half, half, unpackLine(curves[0]).x.length);
  const shown = [zs.map(f)];
  if (curves.length > 1) shown.push(zs.map(g));
  const low = yLimits(...extremes(shown))[0];
  const a = f(z);
  const [point, vertical, horizontal, slopePoint] = points;
  const moved = [
    withXY(point, [z], [a]),
    withXY(vertical, [z, z], [low, a]),
    withXY(horizontal, [-half, z], [a, a]),
  ];
  if (slopePoint) moved.push(withXY(slopePoint, [z], [g(z)]));
  return { curves: curves.map((item, i) => withXY(item, zs, shown[i])), points: moved };
}

function niceCeiling(value) {
  // nnlib.plots.neuron.nice_ceiling: the smallest of 1, 2, 5 × 10^k that is at least `value`.
  // 10^k is read from its decimal literal, correctly rounded as Python's 10.0 ** k is.
  const power = Number(`1e${Math.floor(Math.log10(value))}`);
  return [1, 2, 5, 10].map((step) => step * power).find((limit) => limit >= value);
}

function colourIndices(outputs, range, levels) {
  // nnlib.plots.neuron.colour_limits, matplotlib's Normalize, then ⌊norm(a)·N⌋ clipped.
  let [low, high] = range || [];
  if (!range) {
    high = niceCeiling(Math.max(Math.max(...extremes([outputs]).map(Math.abs)), 1e-9));
    low = -high;
  }
  const index = new Uint8Array(outputs.length);
  for (let k = 0; k < outputs.length; k++) {
    const v = ((outputs[k] - low) / (high - low)) * levels;
    index[k] = Number.isNaN(v) ? 0 : Math.min(Math.max(v, 0), levels - 1);
  }
  return index;
}

function decisionLine(w, b, extent) {
  // nnlib.plots.neuron.decision_line: two points on w·x + b = 0 beyond the extent.
  const norm2 = w[0] * w[0] + w[1] * w[1];
  if (norm2 < 1e-12) return [[NaN, NaN], [NaN, NaN]];
  const foot = [(-b * w[0]) / norm2, (-b * w[1]) / norm2];
  const root = Math.sqrt(norm2);
  const direction = [-w[1] / root, w[0] / root];
  const reach = Math.hypot(extent[1] - extent[0], extent[3] - extent[2]) + Math.hypot(...foot);
  return [
    [foot[0] - reach * direction[0], foot[0] + reach * direction[0]],
    [foot[1] - reach * direction[1], foot[1] + reach * direction[1]],
  ];
}

function planeLayer({ name, slope, w, b, params, items }) {
  // The heatmap of a = f(w·x + b) over the grid of nnlib.plots.neuron.plane_grid (rows = x2,
  // from the bottom) and the decision line.
  const [image, line] = items;
  const { extent, resolution: r } = params;
  const x1 = linspace(extent[0], extent[1], r);
  const x2 = linspace(extent[2], extent[3], r);
  const outputs = new Float64Array(r * r);
  for (let row = 0; row < r; row++) {
    for (let col = 0; col < r; col++) {
      outputs[row * r + col] = ACTIVATIONS[name](x1[col] * w[0] + x2[row] * w[1] + b, slope);
    }
  }
  const levels = view(image.palette, Uint8Array).length / 4;
  const index = colourIndices(outputs, (params.fixed_ranges || {})[name], levels);
  const [xs, ys] = decisionLine(w, b, extent);
  return [{ ...image, index }, withXY(line, xs, ys)];
}

export const PREVIEWS = {
  activation(values, params, model) {
    // ActivationExplorer: z, the activation and its leaky slope → curves and point.
    if (settled(values, model)) return {};
    const layers = { curves: "curves", point: "point", ...(params.layers || {}) };
    const name = values.activation ?? (model.get("stamp") || {}).activation;
    const curves = templates(model, layers.curves);
    const points = templates(model, layers.point);
    if (!ACTIVATIONS[name] || !curves.length || points.length < 3) return {};
    const base = params.half_range ?? -unpackLine(curves[0]).x[0];
    const slope = values.negative_slope ?? params.negative_slope ?? 0.01;
    const drawn = activationLayers({ name, slope, z: values.z, base, curves, points });
    return { [layers.curves]: { items: drawn.curves }, [layers.point]: { items: drawn.points } };
  },

  neuron(values, params, model) {
    // NeuronExplorer: z = w·x + b as Neuron.explain sums it, then the activation layers and,
    // for two inputs, the input plane and the input point.
    if (settled(values, model)) return {};
    const name = values.activation ?? (model.get("stamp") || {}).activation;
    const n = params.n_inputs;
    const w = Array.from({ length: n }, (_, i) => values[`w${i + 1}`]);
    const x = Array.from({ length: n }, (_, i) => values[`x${i + 1}`]);
    let z = x[0] * w[0];
    for (let i = 1; i < n; i++) z += x[i] * w[i];
    z += values.bias;
    const { layers, negative_slope: slope } = params;
    const curves = templates(model, layers.curve);
    const points = templates(model, layers.point);
    if (!ACTIVATIONS[name] || !curves.length || points.length < 3) return {};
    const base = params.half_range;
    const drawn = activationLayers({ name, slope, z, base, curves, points });
    const out = { [layers.curve]: { items: drawn.curves }, [layers.point]: { items: drawn.points } };
    const plane = layers.plane ? templates(model, layers.plane) : [];
    const input = layers.input ? templates(model, layers.input) : [];
    if (n === 2 && plane.length === 2 && input.length === 1) {
      const items = planeLayer({ name, slope, w, b: values.bias, params, items: plane });
      out[layers.plane] = { items };
      out[layers.input] = { items: [withXY(input[0], [x[0]], [x[1]])] };
    }
    return out;
  },
};

// ---- the view

function layerNames(model) {
  return model.get("layer_names") || [];
}

function collect(model, overrides) {
  const items = [];
  for (const name of layerNames(model)) {
    const layer = overrides[name] || model.get(`layer_${name}`);
    if (layer && layer.items) items.push(...layer.items);
  }
  return items;
}

function sizeCanvas(canvas, width, height, ratio) {
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

function paint(model, parts, overrides) {
  const geometry = model.get("geometry");
  if (!geometry || !geometry.axes) return;
  const started = performance.now();
  const ratio = window.devicePixelRatio || 1;
  const { width, height } = geometry;
  parts.root.style.width = `${width}px`;
  parts.root.style.height = `${height}px`;
  const under = sizeCanvas(parts.under, width, height, ratio);
  const over = sizeCanvas(parts.over, width, height, ratio);
  // The background picture is clear wherever a face would be: faces go under, then heatmaps.
  if (geometry.face) {
    under.fillStyle = rgba(geometry.face, 0);
    under.fillRect(0, 0, width, height);
  }
  for (const axes of geometry.axes) {
    if (!axes.face) continue;
    under.fillStyle = rgba(axes.face, 0);
    under.fillRect(...axes.box);
  }
  const items = collect(model, overrides);
  drawItems(under, items.filter((item) => item.kind === "image"), geometry);
  drawItems(over, items.filter((item) => item.kind !== "image"), geometry);
  parts.root.setAttribute("aria-label", model.get("label"));
  parts.root.dataset.painted = String(Number(parts.root.dataset.painted || 0) + 1);
  // With window.nnlibCanvasTimes = [] set in the page (benchmarks), each paint records when
  // its first trait changed, when it started and how long it drew, in performance.now() ms.
  if (Array.isArray(globalThis.nnlibCanvasTimes)) {
    const now = performance.now();
    globalThis.nnlibCanvasTimes.push({ changed: parts.changed ?? started, started, drawn: now });
  }
  parts.changed = undefined;
}

function showBackground(model, parts) {
  const bytes = model.get("background");
  if (parts.url) URL.revokeObjectURL(parts.url);
  parts.url = bytes && bytes.byteLength ? URL.createObjectURL(new Blob([bytes])) : null;
  if (parts.url) parts.background.src = parts.url;
}

function dataPoint(geometry, event, root) {
  // The axes under a click and the data coordinates there, or null outside every axes.
  const rect = root.getBoundingClientRect();
  const px = event.clientX - rect.left;
  const py = event.clientY - rect.top;
  for (let ax = geometry.axes.length - 1; ax >= 0; ax--) {
    const axes = geometry.axes[ax];
    const [left, top, width, height] = axes.box;
    if (px < left || px > left + width || py < top || py > top + height) continue;
    const [x0, x1] = axes.xlim;
    const [y0, y1] = axes.ylim;
    const x = x0 + ((px - left) / width) * (x1 - x0);
    const y = y0 + ((top + height - py) / height) * (y1 - y0);
    return { ax, x, y, px, py };
  }
  return null;
}

function makeParts(el) {
  const root = document.createElement("div");
  root.className = "nnlib-canvas";
  root.setAttribute("role", "img");
  root.style.position = "relative";
  root.style.flex = "none";
  const layer = (tag) => {
    const node = document.createElement(tag);
    node.style.position = "absolute";
    node.style.left = "0";
    node.style.top = "0";
    node.setAttribute("aria-hidden", "true");
    root.appendChild(node);
    return node;
  };
  const parts = { root, under: layer("canvas"), background: layer("img"), over: layer("canvas") };
  parts.background.alt = "";
  parts.background.style.width = "100%";
  parts.background.style.height = "100%";
  parts.background.draggable = false;
  el.appendChild(root);
  return parts;
}

async function watchPreview(model, schedule, overrides) {
  // Recompute the previewed layers from the sliders' own models, on every move in the page.
  const spec = model.get("preview");
  if (!spec || !spec.kind || !PREVIEWS[spec.kind]) return () => {};
  const sources = {};
  for (const [name, id] of Object.entries(spec.sources)) {
    sources[name] = await model.widget_manager.get_model(id);
  }
  // A dropdown's model holds no value in the page, only the index of its label (the kernel
  // stamps dropdowns with their label).
  const valueOf = (m) =>
    m.get("value") !== undefined ? m.get("value") : (m.get("_options_labels") || [])[m.get("index")];
  const current = () =>
    Object.fromEntries(Object.entries(sources).map(([name, m]) => [name, valueOf(m)]));
  const update = () => {
    const values = current();
    const stamp = model.get("stamp") || {};
    for (const name of Object.keys(overrides)) delete overrides[name];
    const fresh = Object.keys(values).some((name) => stamp[name] !== values[name]);
    if (fresh) Object.assign(overrides, PREVIEWS[spec.kind](values, spec.params, model));
    schedule();
  };
  const events = ["change:value", "change:index"];
  for (const m of Object.values(sources)) for (const e of events) m.on(e, update);
  model.on("change:stamp", update);
  return () => {
    for (const m of Object.values(sources)) for (const e of events) m.off(e, update);
    model.off("change:stamp", update);
  };
}

function render({ model, el }) {
  const parts = makeParts(el);
  const overrides = {};
  let queued = false;
  const schedule = () => {
    // Several traits change in one kernel message: paint once after all of them.
    parts.changed ??= performance.now();
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      paint(model, parts, overrides);
    });
  };
  const onBackground = () => { showBackground(model, parts); schedule(); };
  const names = () => ["geometry", "label", ...layerNames(model).map((n) => `layer_${n}`)];
  const listen = () => { for (const n of names()) model.on(`change:${n}`, schedule); };
  listen();
  model.on("change:background", onBackground);
  model.on("change:layer_names", listen);
  parts.root.addEventListener("click", (event) => {
    const hit = dataPoint(model.get("geometry"), event, parts.root);
    if (hit) model.send({ event: "click", ...hit, shift: event.shiftKey, alt: event.altKey });
  });
  let stopPreview = () => {};
  watchPreview(model, schedule, overrides).then((stop) => { stopPreview = stop; });
  showBackground(model, parts);
  paint(model, parts, overrides);
  return () => {
    stopPreview();
    for (const n of names()) model.off(`change:${n}`, schedule);
    model.off("change:background", onBackground);
    if (parts.url) URL.revokeObjectURL(parts.url);
  };
}

export default { render };
