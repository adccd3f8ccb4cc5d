"""5. Classroom: how many learners one server holds; real kernels driven as browsers drive them.

The class hub (deploy/trial_config.py) runs on 127.0.0.1; each simulated learner has their own
single-user server. Through the hub's proxy each learner starts a kernel with the REST API, runs
a panel's construction cell over the kernel's websocket, then moves one slider at a learner's
pace of 5 moves a second, sending exactly what ipywidgets sends from the page: a `comm_msg`
{"method": "update", "state": {"value": v}, "buffer_paths": []} to the slider's comm. It speaks
the websocket protocol JupyterLab 4 negotiates, `v1.kernel.websocket.jupyter.org`, in which the
server relays the kernel's message parts without decoding them (`--protocol json`: the older JSON
protocol, which makes the server decode and re-encode every message). Like the
page, a learner keeps one update in flight: moves made meanwhile are merged into the next one,
sent when the kernel reports idle. An update's latency runs from the move to the first message
the panel (its canvas or a readout) sends in reply; a merged move counts from its first move.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import psutil
from jupyter_server.services.kernels.connection.base import (
    deserialize_binary_message,
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

from bench.report import ROOT, save, summary, sweep, table

sys.path.insert(0, str(ROOT / "tests" / "browser"))
from hubdriver import INSTALL_HINT, TrialHub, missing_requirements

SIZES = (5, 10, 20, 40)
MOVES_PER_S = 5.0
SECONDS = 12.0  # of moves per class size, after a warm-up of WARMUP moves per learner
WARMUP = 5
TARGET_P95_MS = 100.0
V1 = "v1.kernel.websocket.jupyter.org"  # what JupyterLab 4 asks for, and the server grants
# The construction cells of notebooks 03 and 02, and the slider each learner moves.
PANELS = {
    "ActivationExplorer (03)": (
        'from nnlib.widgets import ActivationExplorer\nActivationExplorer("sigmoid", z=1.0)',
        "z",
    ),
    "NeuronExplorer (02)": (
        "from nnlib import Neuron\nfrom nnlib.widgets import NeuronExplorer\n"
        'NeuronExplorer(Neuron([1.0, -1.0], 0.0, "sigmoid"), x=[0.5, 1.0])',
        "w1",
    ),
}


@dataclass
class Learner:
    """One learner's kernel on their own server, spoken to over its websocket."""

    hub: TrialHub
    user: str
    session: str = field(default_factory=lambda: uuid.uuid4().hex)
    comms: dict[str, dict[str, Any]] = field(default_factory=dict)  # comm id → widget state
    waiting: dict[str, asyncio.Future[float]] = field(default_factory=dict)  # msg id → reply
    idle: dict[str, asyncio.Future[float]] = field(default_factory=dict)  # msg id → idle
    kernel_id: str = ""
    slider: str = ""
    latencies: list[float] = field(default_factory=list)
    updates: int = 0
    protocol: str = V1  # or "json", the protocol before JupyterLab 4

    async def open(self) -> None:
        headers = {"Authorization": f"token {self.hub.token}"}
        base = f"{self.hub.url}/user/{self.user}/api/kernels"
        reply = await AsyncHTTPClient().fetch(
            HTTPRequest(base, method="POST", body="{}", headers=headers, request_timeout=120)
        )
        self.kernel_id = json.loads(reply.body)["id"]
        url = f"{base}/{self.kernel_id}/channels?session_id={self.session}".replace("http", "ws")
        self.socket = await websocket_connect(
            HTTPRequest(url, headers=headers, connect_timeout=120, request_timeout=120),
            subprotocols=[V1] if self.protocol == V1 else None,
        )
        if self.protocol == V1 and self.socket.selected_subprotocol != V1:
            raise RuntimeError(f"the server refused the {V1} protocol JupyterLab uses")
        self.reader = asyncio.ensure_future(self.read())

    async def read(self) -> None:
        while (frame := await self.socket.read_message()) is not None:
            now = time.perf_counter()
            if self.protocol == V1:
                _, parts = deserialize_msg_from_ws_v1(frame)
                names = ("header", "parent_header", "metadata", "content")
                # parts: the four JSON parts, then any binary buffers (the canvas's arrays)
                message = {
                    name: json.loads(part) for name, part in zip(names, parts[:4], strict=True)
                }
            elif isinstance(frame, bytes):
                message = deserialize_binary_message(frame)
            else:
                message = json.loads(frame)
            self.dispatch(message, now)

    def dispatch(self, message: dict[str, Any], now: float) -> None:
        kind, content = message["header"]["msg_type"], message["content"]
        parent = message.get("parent_header", {}).get("msg_id", "")
        if kind == "comm_open":
            self.comms[content["comm_id"]] = content["data"].get("state", {})
        elif kind == "comm_msg" and content["comm_id"] != self.slider:
            future = self.waiting.pop(parent, None)
            if future is not None and not future.done():
                future.set_result(now)
        elif kind == "status" and content["execution_state"] == "idle":
            future = self.idle.pop(parent, None)
            if future is not None and not future.done():
                future.set_result(now)

    def send(self, msg_type: str, content: dict[str, Any]) -> tuple[Any, Any]:
        """Send on the shell channel; futures for the panel's first reply and for idle."""
        msg_id, loop = uuid.uuid4().hex, asyncio.get_running_loop()
        header = {"msg_id": msg_id, "msg_type": msg_type, "session": self.session,
                  "username": self.user, "version": "5.3", "date": ""}  # fmt: skip
        replied = self.waiting[msg_id] = loop.create_future()
        idle = self.idle[msg_id] = loop.create_future()
        message = {"header": header, "parent_header": {}, "metadata": {}, "content": content}
        if self.protocol == V1:
            pack = lambda part: json.dumps(part).encode()  # noqa: E731
            self.socket.write_message(serialize_msg_to_ws_v1(message, "shell", pack), binary=True)
        else:
            self.socket.write_message(json.dumps({**message, "channel": "shell", "buffers": []}))
        return replied, idle

    async def build(self, code: str, slider: str) -> dict[str, Any]:
        """Run the panel's construction cell; find the slider the learner moves."""
        _, idle = self.send("execute_request", {"code": code, "silent": False})
        await asyncio.wait_for(idle, 600)
        for comm_id, state in self.comms.items():
            if state.get("_model_name") == "FloatSliderModel" and state["description"] == slider:
                self.slider = comm_id
                return state
        raise RuntimeError(f"{self.user}: no slider {slider!r} among {len(self.comms)} widgets")

    async def move(self, value: float, since: float, timed: bool) -> None:
        """Send one update; wait for the panel's reply (timed) and for the kernel to be idle."""
        data = {"method": "update", "state": {"value": value}, "buffer_paths": []}
        reply, idle = self.send("comm_msg", {"comm_id": self.slider, "data": data})
        await asyncio.wait_for(idle, 120)
        # Merged moves that turn back at a slider's end can land on the value already shown;
        # the panel then has nothing to send, and there is no latency to count.
        if reply.done():
            self.updates += 1
            if timed:
                self.latencies.append((reply.result() - since) * 1000.0)
        else:
            self.waiting.pop(next(k for k, v in self.waiting.items() if v is reply), None)


async def drive(learner: Learner, values: list[float], start: float) -> None:
    """Moves at MOVES_PER_S from `start`; moves made while one is in flight are merged."""
    interval, sent = 1.0 / MOVES_PER_S, 0
    while sent < len(values):
        due = start + sent * interval
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        # Every move due by now goes out as one update showing the latest value.
        latest = min(len(values), int((time.perf_counter() - start) / interval) + 1)
        latest = max(latest, sent + 1)
        await learner.move(values[latest - 1], due, timed=sent >= WARMUP)
        sent = latest


def kernel_process(learner: Learner) -> psutil.Process:
    for proc in psutil.process_iter(["cmdline"]):
        if any(f"kernel-{learner.kernel_id}" in part for part in proc.info["cmdline"] or ()):
            return proc
    raise RuntimeError(f"no process for {learner.user}'s kernel {learner.kernel_id}")


def cpu_seconds(processes: list[psutil.Process]) -> float:
    return sum(sum(p.cpu_times()[:2]) for p in processes)


def memory_mib(learner: Learner, kernel: psutil.Process) -> float:
    """Proportional set size of the learner's server and kernel: what each adds to the machine."""
    server = kernel.parent()
    return sum(p.memory_full_info().pss for p in (server, kernel) if p) / 2**20


def relays(hub: TrialHub, kernels: list[psutil.Process]) -> dict[str, list[psutil.Process]]:
    """What carries each update besides the kernel: learners' servers, the proxy and the hub."""
    assert hub.process is not None
    hub_process = psutil.Process(hub.process.pid)
    proxy = [p for p in hub_process.children() if "proxy" in " ".join(p.cmdline())]
    servers = [k.parent() for k in kernels]
    return {"server": [s for s in servers if s], "proxy": proxy, "hub": [hub_process]}


async def run_class(learners: list[Learner], states: list[dict[str, Any]]) -> dict[str, Any]:
    kernels = [kernel_process(learner) for learner in learners]
    others = relays(learners[0].hub, kernels)
    others_before = {name: cpu_seconds(group) for name, group in others.items()}
    for learner in learners:
        learner.latencies.clear()
        learner.updates = 0
    count = WARMUP + int(SECONDS * MOVES_PER_S)
    start, cpu_before = time.perf_counter() + 0.5, cpu_seconds(kernels)
    machine_before = psutil.cpu_times()
    await asyncio.gather(*[
        drive(learner, sweep(state, count), start + index * 0.2 / len(learners))
        for index, (learner, state) in enumerate(zip(learners, states, strict=True))
    ])  # fmt: skip
    machine = psutil.cpu_times()
    busy = sum(machine[:3]) - sum(machine_before[:3])
    wall = time.perf_counter() - start
    updates = sum(learner.updates for learner in learners)
    latencies = [ms for learner in learners for ms in learner.latencies]
    return {
        "learners": len(learners),
        "latency_ms": summary(latencies),
        "updates": updates,
        "updates_per_s": updates / wall,
        "kernel_cpu_ms_per_update": (cpu_seconds(kernels) - cpu_before) * 1000.0 / updates,
        **{
            f"{name}_cpu_ms_per_update": (cpu_seconds(group) - others_before[name]) * 1e3 / updates
            for name, group in others.items()
        },
        "machine_busy_cores": busy / wall,
        "memory_mib_per_learner": max(map(memory_mib, learners, kernels)),
    }


async def measure_panel(
    hub: TrialHub, users: list[str], panel: tuple[str, str], sizes: tuple[int, ...], protocol: str
) -> list[Any]:
    code, slider = panel
    learners = [Learner(hub, user, protocol=protocol) for user in users]
    states: list[dict[str, Any]] = []
    for first in range(0, len(learners), 2):  # two at a time: 40 imports at once thrash
        batch = learners[first : first + 2]
        await asyncio.gather(*[learner.open() for learner in batch])
        states += await asyncio.gather(*[learner.build(code, slider) for learner in batch])
    results = []
    for size in sizes:
        results.append(await run_class(learners[:size], states[:size]))
        print(f"  {json.dumps(results[-1])}", flush=True)
    headers = {"Authorization": f"token {hub.token}"}
    for learner in learners:
        learner.socket.close()
        url = f"{hub.url}/user/{learner.user}/api/kernels/{learner.kernel_id}"
        await AsyncHTTPClient().fetch(HTTPRequest(url, method="DELETE", headers=headers))
    return results


def start_servers(hub: TrialHub, users: list[str]) -> float:
    """Start every learner's server through the hub; seconds until all are ready."""
    started = time.perf_counter()
    for user in users:
        hub.api(f"users/{user}", "POST")
        hub.api(f"users/{user}/server", "POST")
    for user in users:
        hub.start_server(user, timeout=600)
    return time.perf_counter() - started


def report(results: dict[str, list[dict[str, Any]]]) -> str:
    rows = []
    for panel, runs in results.items():
        for run in runs:
            lat = run["latency_ms"]
            rows.append([panel, run["learners"], lat["p50"], lat["p95"],
                         run["kernel_cpu_ms_per_update"], run["server_cpu_ms_per_update"],
                         run["proxy_cpu_ms_per_update"] + run["hub_cpu_ms_per_update"],
                         run["machine_busy_cores"],
                         run["memory_mib_per_learner"], run["updates_per_s"]])  # fmt: skip
    header = ["panel", "learners", "p50 ms", "p95 ms", "kernel CPU ms/update",
              "server CPU ms/update", "proxy+hub CPU ms/update", "machine busy cores",
              "MiB/learner", "updates/s"]  # fmt: skip
    lines = [
        table("Classroom: one slider per learner at 5 moves/s, through JupyterHub", header, rows)
    ]
    for panel, runs in results.items():
        ok = [run["learners"] for run in runs if run["latency_ms"]["p95"] < TARGET_P95_MS]
        lines.append(f"{panel}: largest class with p95 < 100 ms: {max(ok) if ok else 'none'}")
    return "\n".join(lines)


def main(sizes: tuple[int, ...] = SIZES, protocol: str = V1) -> dict[str, Any]:
    missing = missing_requirements()
    if missing:
        print(f"classroom: skipped, the hub needs {', '.join(missing)}: {INSTALL_HINT}")
        return {}
    hub = TrialHub().start()
    users = [f"learner{index:02d}" for index in range(1, max(sizes) + 1)]
    try:
        seconds = start_servers(hub, users)
        print(f"classroom: {len(users)} servers ready in {seconds:.0f} s", flush=True)
        results = {}
        for panel, construction in PANELS.items():
            print(f"classroom: {panel} over the {protocol} protocol", flush=True)
            try:
                results[panel] = asyncio.run(
                    measure_panel(hub, users, construction, sizes, protocol)
                )
            except (TimeoutError, RuntimeError) as error:  # keep the other panel's figures
                print(f"classroom: {panel} failed: {error!r}", flush=True)
    finally:
        hub.clean_up()
    data = {"sizes": list(sizes), "moves_per_s": MOVES_PER_S, "seconds": SECONDS,
            "servers_ready_s": seconds, "protocol": protocol, "results": results}  # fmt: skip
    print(report(results))
    print(f"written to {save('classroom', data).relative_to(ROOT)}")
    return data


if __name__ == "__main__":
    # python -m bench.bench_classroom [--protocol json] [class sizes ...]
    arguments = sys.argv[1:]
    chosen = V1
    if arguments[:1] == ["--protocol"]:
        chosen, arguments = arguments[1], arguments[2:]
    main(tuple(int(size) for size in arguments) or SIZES, chosen)
