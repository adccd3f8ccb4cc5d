"""A throwaway JupyterHub from deploy/trial_config.py on 127.0.0.1: the hub test and the load test.

Everything it writes (database, secrets, learners' homes) lives in one temporary folder. A
"driver" service token lets Python create learners and start their servers without a browser;
learners in a browser log in with the shared password like a class would.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import psutil
from labdriver import LAB_SETTINGS, ROOT, free_port

DEPLOY = ROOT / "deploy"
PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
PYTHON_NEEDS = ("jupyterhub", "jupyterhub_idle_culler")
INSTALL_HINT = (
    "run `make hub-deps` (it pip-installs deploy/requirements.txt into .venv and npm-installs "
    "configurable-http-proxy into deploy/node_modules; npm comes with Node.js 20 or newer)"
)


def missing_requirements() -> list[str]:
    """What the trial hub needs and this machine lacks, named for the learner to install."""
    missing = [name for name in PYTHON_NEEDS if importlib.util.find_spec(name) is None]
    if not PROXY.exists() and shutil.which("configurable-http-proxy") is None:
        missing.append(f"configurable-http-proxy ({PROXY.relative_to(ROOT)})")
    return missing


class TrialHub:
    """deploy/trial_config.py in its own process group, state in a temporary folder."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="nnlib-hub-"))
        self.port = free_port()
        self.password = secrets.token_urlsafe(12)
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.seen: dict[int, str] = {}  # pid → command line of every process the hub started

    def start(self, timeout: float = 60.0) -> TrialHub:
        env = dict(os.environ)
        env.update(
            NNLIB_HUB_STATE=str(self.base / "state"),
            NNLIB_HUB_PORT=str(self.port),
            NNLIB_HUB_PASSWORD=self.password,
            NNLIB_HUB_API_TOKEN=self.token,
        )
        command = [sys.executable, "-m", "jupyterhub", "-f", str(DEPLOY / "trial_config.py")]
        with (self.base / "hub.log").open("wb") as log:
            self.process = subprocess.Popen(
                command, env=env, cwd=self.base, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited early:\n{self.log_tail()}")
            with contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError):
                self.api("")
                return self
            time.sleep(0.3)
        raise RuntimeError(f"JupyterHub did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def home(self, user: str) -> Path:
        return self.base / "state" / "homes" / user

    def prepare_home(self, user: str) -> None:
        """JupyterLab settings the browser tests rely on (no news pop-up, every cell rendered)."""
        for plugin, settings in LAB_SETTINGS.items():
            package, name = plugin.rsplit("/", 1)
            folder = self.home(user) / ".jupyter" / "lab" / "user-settings" / package
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.jupyterlab-settings").write_text(json.dumps(settings))

    def api(self, path: str, method: str = "GET", body: Any = None) -> Any:
        """The hub's REST API (/hub/api/...) with the driver service's token."""
        return self.request(f"/hub/api/{path}", method, body)

    def request(self, path: str, method: str = "GET", body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path, data=data, method=method,
            headers={"Authorization": f"token {self.token}"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
        return json.loads(text) if text else None

    def start_server(self, user: str, timeout: float = 180.0) -> None:
        """Create the learner if new and start their server; return once it is ready."""
        with contextlib.suppress(urllib.error.HTTPError):  # 409: the learner exists already
            self.api(f"users/{user}", "POST")
        with contextlib.suppress(urllib.error.HTTPError):  # 400: already running or pending
            self.api(f"users/{user}/server", "POST")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.api(f"users/{user}").get("servers", {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.5)
        raise RuntimeError(f"{user}'s server was not ready in {timeout:.0f} s:\n{self.log_tail()}")

    def remember_processes(self) -> dict[int, str]:
        """Record the hub's process tree now: proxy, services, servers and their kernels."""
        assert self.process is not None
        with contextlib.suppress(psutil.NoSuchProcess):
            for proc in psutil.Process(self.process.pid).children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    self.seen[proc.pid] = " ".join(proc.cmdline())
        return dict(self.seen)

    def still_running(self) -> dict[int, str]:
        """Processes the hub started that are still alive (zombies count as ended)."""
        alive = {}
        for pid, cmdline in self.seen.items():
            with contextlib.suppress(psutil.Error):
                proc = psutil.Process(pid)
                if proc.status() != psutil.STATUS_ZOMBIE and " ".join(proc.cmdline()) == cmdline:
                    alive[pid] = cmdline
        return alive

    def stop(self, timeout: float = 60.0) -> int | None:
        """SIGTERM the hub as an operator would (Ctrl+C or systemctl stop); its exit status."""
        if self.process is None:
            return None
        self.remember_processes()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        return self.process.returncode

    def clean_up(self) -> None:
        """After a failed test: end whatever the hub left behind, then remove the folder."""
        self.stop()
        for pid in self.still_running():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.base, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        log = self.base / "hub.log"
        text = log.read_text(errors="replace") if log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])
