"""A throwaway JupyterLab server and the Playwright moves a learner makes in it.

Shared by the browser tests (tests/browser/) and the browser benchmark (bench/bench_browser.py).
The server runs on 127.0.0.1 with a random token, a temporary copy of the notebooks and temporary
Jupyter config, data, runtime and IPython directories, so nothing of the user's own set-up leaks
in or out. The venv's kernelspec and the ipywidgets lab extension are still found through
sys.prefix/share/jupyter, which Jupyter always keeps on its data path.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
# Debian's Chromium; another build can be named with CHROMIUM=/path/to/chrome.
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL_HINT = "install it with `sudo apt-get install chromium` (Debian/Ubuntu)"
LAB_SETTINGS = {
    # No "would you like news?" pop-up covering the notebook, and no calls out to the internet.
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    # Render every cell, not only those scrolled into view, so every output can be inspected.
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}


def launch_args() -> dict[str, Any]:
    """Playwright launch options for Debian's Chromium (Playwright cannot fetch its own here)."""
    return {"executable_path": str(CHROMIUM), "headless": True, "args": CHROMIUM_ARGS}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LabServer:
    """JupyterLab serving a temporary root that holds a copy of each folder under its name."""

    def __init__(self, folders: dict[str, Path]) -> None:
        self.folders = folders
        self.token = secrets.token_hex(24)
        self.port = free_port()
        self.base = tempfile.mkdtemp(prefix="nnlib-lab-")
        self.root = Path(self.base, "site")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 90.0) -> LabServer:
        env = self._environment()
        for name, folder in self.folders.items():
            shutil.copytree(folder, self.root / name, ignore=self._skip_checkpoints)
        self._write_settings(Path(env["JUPYTER_CONFIG_DIR"]))
        # A new session makes the server a process group we can end as a whole.
        with Path(self.base, "server.log").open("wb") as log:
            self.process = subprocess.Popen(
                self.command(), env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self._wait_until_up(timeout)
        return self

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={self.port}"]
        command += [
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--LabApp.news_url=",
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")
        return command

    def ready(self) -> None:
        """Return once the server answers; raise URLError, ConnectionError or TimeoutError."""
        self.api("status")

    def url(self, notebook: str, workspace: str) -> str:
        """Open `notebook` in its own workspace, so pages never restore each other's tabs."""
        return (
            f"http://127.0.0.1:{self.port}/lab/workspaces/{workspace}/tree/{notebook}"
            f"?token={self.token}"
        )

    def api(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def stop(self) -> None:
        """Shut the kernels and the server down, then remove every temporary file."""
        try:
            if self.process is not None and self.process.poll() is None:
                self._shutdown_politely()
                self._end_process_group()
            self._end_leftover_kernels()
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        log = Path(self.base, "server.log")
        text = log.read_text(errors="replace") if log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
            folder = Path(self.base, name.lower())
            folder.mkdir(parents=True)
            env[name] = str(folder)
        env.pop("JUPYTER_PATH", None)
        return env

    @staticmethod
    def _write_settings(config_dir: Path) -> None:
        for plugin, settings in LAB_SETTINGS.items():
            package, name = plugin.rsplit("/", 1)
            target = config_dir / "lab" / "user-settings" / package / f"{name}.jupyterlab-settings"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(settings))

    @staticmethod
    def _skip_checkpoints(folder: str, names: list[str]) -> list[str]:
        return [name for name in names if name in (".ipynb_checkpoints", "__pycache__")]

    def _wait_until_up(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early:\n{self.log_tail()}")
            try:
                self.ready()
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def _shutdown_politely(self) -> None:
        try:
            self.api("shutdown", method="POST")  # also shuts every kernel down
            assert self.process is not None
            self.process.wait(timeout=15)
        except (urllib.error.URLError, OSError, subprocess.TimeoutExpired):
            pass

    def _end_process_group(self) -> None:
        assert self.process is not None
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self.process.poll() is not None:
                return
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                continue

    def _end_leftover_kernels(self) -> None:
        # Kernels run in their own sessions; any that outlived the server still name a
        # connection file inside our runtime directory, so they are ours and only ours.
        runtime = str(Path(self.base, "jupyter_runtime_dir"))
        for pid, cmdline in processes_naming(runtime):
            if "ipykernel" in cmdline:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


def processes_naming(text: str) -> list[tuple[int, str]]:
    """(pid, command line) of every process whose command line contains `text`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if text in cmdline:
            found.append((int(entry.name), cmdline.replace("\0", " ")))
    return found


@dataclass
class RunResult:
    """A notebook opened in its own page after Run All, kept open for the panel tests."""

    page: Page
    seconds: float
    errors: list[str] = field(default_factory=list)


# ---- What a learner does in the page ----------------------------------------------------------

IDLE = re.compile(r"\|\s*Idle")

ALL_CELLS_DONE = """() => {
    const cells = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')];
    const busy = document.querySelector('#jp-main-statusbar')?.innerText.includes('| Busy');
    const prompt = c => c.querySelector('.jp-InputArea-prompt')?.innerText ?? '';
    const running = cells.some(c => prompt(c).includes('*'));
    const pending = cells.filter(c => {
        const code = c.querySelector('.cm-content')?.innerText.trim() ?? '';
        return code !== '' && !/\\[\\d+\\]/.test(prompt(c));
    });
    // After an error Run All stops: the cells below keep an empty prompt.
    const failed = document.querySelector(
        '.jp-Notebook [data-mime-type="application/vnd.jupyter.stderr"]') !== null;
    return cells.length > 0 && !busy && !running && (pending.length === 0 || failed);
}"""

# Error outputs render as stderr. Printed text (stdout) may name an error on purpose, as lessons
# do when they show a ValueError's message, so there only a traceback counts.
ERRORS_SHOWN = """() => {
    const found = [];
    const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
    cells.forEach((cell, index) => {
        for (const out of cell.querySelectorAll('.jp-OutputArea-output')) {
            const mime = out.getAttribute('data-mime-type') ?? '';
            const text = out.innerText ?? '';
            const stderr = mime === 'application/vnd.jupyter.stderr';
            if ((stderr && /Traceback|Error/.test(text))
                || /Traceback|Error displaying widget|Error rendering/.test(text)) {
                found.push(`cell ${index + 1}: ${text.slice(0, 400)}`);
            }
        }
    });
    return found;
}"""

WIDGETS_RENDERED = """() => {
    const outs = [...document.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]')];
    return outs.every(o => o.querySelector('.jupyter-widgets, .widget-inline-hbox, .widget-box')
        && !/Loading widget|Error displaying widget/.test(o.innerText));
}"""


def open_notebook(page: Page, server: LabServer, notebook: str, timeout_ms: float = 90_000) -> None:
    """Go to the notebook and wait until its kernel has started and reports idle."""
    workspace = re.sub(r"\W", "-", notebook)
    page.goto(server.url(notebook, workspace))
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=timeout_ms)
    page.locator("#jp-main-statusbar").get_by_text(IDLE).wait_for(timeout=timeout_ms)


def menu(page: Page, top: str, item: str) -> None:
    page.locator("#jp-menu-panel").get_by_role("menuitem", name=top, exact=True).click()
    page.get_by_role("menuitem", name=item, exact=True).click()


def run_all(page: Page, timeout_ms: float = 120_000) -> float:
    """Clear the committed outputs, run every cell and wait until all have finished; seconds."""
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.jp-InputArea-prompt')]"
        ".some(p => /\\[\\d+\\]/.test(p.innerText))"
    )
    start = time.perf_counter()
    menu(page, "Run", "Run All Cells")
    page.wait_for_function(ALL_CELLS_DONE, timeout=timeout_ms, polling=100)
    page.locator("#jp-main-statusbar").get_by_text(IDLE).wait_for(timeout=timeout_ms)
    elapsed = time.perf_counter() - start
    page.wait_for_function(WIDGETS_RENDERED, timeout=30_000)
    return elapsed


def errors_shown(page: Page) -> list[str]:
    return list(page.evaluate(ERRORS_SHOWN))


def notebooks_using(panel_class: str) -> list[str]:
    """The series notebooks whose code builds `panel_class(...)`."""
    found = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        if f"{panel_class}(" in code:
            found.append(path.name)
    return found
