// Installed in the page by bench_browser.py: record key presses and new pixels on one target.
// A frame is "painted" once its new image is decoded (or its canvas repainted) and the next
// animation frame has run.
([root, kind]) => {
  window.__bench?.stop?.();
  const state = { keys: [], frames: [] };
  window.__bench = state;
  window.nnlibCanvasTimes = []; // canvas.js then records each paint's timestamps
  const onKey = () => state.keys.push(performance.now());
  document.addEventListener("keydown", onKey, true);
  const painted = (seen) =>
    requestAnimationFrame(() => state.frames.push({ seen, painted: performance.now() }));
  const observer = new MutationObserver((mutations) => {
    const seen = performance.now();
    if (kind === "text") {
      const element = (node) => (node.nodeType === 1 ? node : node.parentElement);
      if (mutations.some((m) => element(m.target)?.closest(".bench-output"))) painted(seen);
      return;
    }
    if (kind === "canvas") {
      // The canvas module bumps data-painted on every paint it makes.
      if (mutations.some((m) => m.attributeName === "data-painted")) painted(seen);
      return;
    }
    const images = new Set();
    for (const m of mutations) {
      if (m.type === "attributes" && m.target.tagName === "IMG") images.add(m.target);
      for (const node of m.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.tagName === "IMG") images.add(node);
        node.querySelectorAll("img").forEach((img) => images.add(img));
      }
    }
    for (const img of images) img.decode().then(() => painted(seen), () => {});
  });
  observer.observe(root, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["src", "data-painted"],
  });
  state.stop = () => {
    observer.disconnect();
    document.removeEventListener("keydown", onKey, true);
  };
};
