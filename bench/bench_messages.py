"""Messages, bytes and kernel CPU per slider move, over a real kernel's channels (no server).

`python -m bench.bench_messages [panel ...]`: starts one kernel, builds each panel as its notebook
does, then sends the slider's `comm_msg` updates exactly as the page does and counts what comes
back on IOPub until the kernel is idle again. Kernel CPU is the kernel process's user + system
time over all moves (psutil; 10 ms ticks, so use many moves). `bare` is a slider with no
observer (ipykernel's own cost per message), `text` a slider driving an HTML label. Set
JUPYTER_WIDGETS_ECHO=0 in the environment to see the cost of ipywidgets' echo messages.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from typing import Any

import psutil
from jupyter_client.manager import start_new_kernel

from bench.report import sweep

MOVES = 100
PANELS = {
    "bare": ('import ipywidgets as w\nw.FloatSlider(description="bare")', "bare"),
    "text": (
        'import ipywidgets as w\ns = w.FloatSlider(description="text")\nh = w.HTML()\n'
        's.observe(lambda c: setattr(h, "value", f"{c.new:.2f}"), names="value")\n'
        "w.VBox([s, h])",
        "text",
    ),
    "activation": (
        'from nnlib.widgets import ActivationExplorer\nActivationExplorer("sigmoid", z=1.0)',
        "z",
    ),
    "neuron2": (
        "from nnlib import Neuron\nfrom nnlib.widgets import NeuronExplorer\n"
        'NeuronExplorer(Neuron([1.0, -1.0], 0.0, "sigmoid"), x=[0.5, 1.0])',
        "w1",
    ),
    "lif": ("from nnlib.widgets import LIFExplorer\nLIFExplorer()", "input current"),
    "bumps": (
        'from nnlib.widgets import BumpBuilder\nBumpBuilder("sine", neurons=6, steepness=100.0)',
        "height",
    ),
}


def until_idle(client: Any, parent: str, timeout: float = 120) -> list[dict[str, Any]]:
    messages = []
    while True:
        message = client.get_iopub_msg(timeout=timeout)
        messages.append(message)
        state = message["content"].get("execution_state")
        if state == "idle" and message["parent_header"].get("msg_id") == parent:
            return messages


def size(message: dict[str, Any]) -> int:
    """JSON of header, parent header and content, plus binary buffers."""
    parts = (message["header"], message["parent_header"], message["content"])
    text = sum(len(json.dumps(part, default=str)) for part in parts)
    return text + sum(len(b) for b in message.get("buffers", []))


def measure(client: Any, kernel: psutil.Process, code: str, slider: str) -> dict[str, Any]:
    built = client.execute(code)
    comms = {
        m["content"]["comm_id"]: m["content"]["data"]["state"]
        for m in until_idle(client, built)
        if m["msg_type"] == "comm_open"
    }
    comm_id, state = next(
        (c, s)
        for c, s in comms.items()
        if s.get("_model_name") == "FloatSliderModel" and s["description"].startswith(slider)
    )
    counts, sizes, kinds, cpu_before = [], [], [], sum(kernel.cpu_times()[:2])
    for value in sweep(state, MOVES):
        data = {"method": "update", "state": {"value": value}, "buffer_paths": []}
        message = client.session.msg("comm_msg", {"comm_id": comm_id, "data": data})
        client.shell_channel.send(message)
        got = until_idle(client, message["header"]["msg_id"])
        counts.append(len(got))
        sizes.append(sum(map(size, got)))
        kinds = [
            f"{m['msg_type']}:{(m['content'].get('data') or {}).get('method', '')}"
            f"{comms.get(m['content'].get('comm_id'), {}).get('_model_name', '')}"
            for m in got
        ]
    return {
        "iopub_messages": statistics.median(counts),
        "kb": statistics.median(sizes) / 1024,
        "kernel_cpu_ms": (sum(kernel.cpu_times()[:2]) - cpu_before) * 1000 / MOVES,
        "messages": kinds,
    }


def main(names: list[str]) -> None:
    manager, client = start_new_kernel(kernel_name="python3")
    kernel = psutil.Process(manager.provisioner.process.pid)
    try:
        for name in names or list(PANELS):
            started = time.perf_counter()
            result = measure(client, kernel, *PANELS[name])
            print(
                f"{name}: {result['iopub_messages']:.0f} IOPub messages per move "
                f"({result['kb']:.1f} KB), kernel CPU {result['kernel_cpu_ms']:.2f} ms per move "
                f"({time.perf_counter() - started:.0f} s): {' '.join(result['messages'])}"
            )
    finally:
        manager.shutdown_kernel(now=True)


if __name__ == "__main__":
    main(sys.argv[1:])
