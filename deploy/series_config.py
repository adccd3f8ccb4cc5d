"""What every hub for the series shares, whatever the authenticator and the spawner.

Loaded by jupyterhub_config.py (a class) and trial_config.py (a local trial, and the tests) with
`load_subconfig`. It starts each learner's JupyterLab on a copy of the series in their home,
culls idle servers, and sets the per-learner limits measured by bench/bench_classroom.py.
"""

import sys
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821  (provided by JupyterHub)

DEPLOY = Path(__file__).resolve().parent

# ---- Each learner's server: JupyterLab opened on the first notebook of their own copy -----------
# start_series.py copies notebooks/ (images included) to the learner's home (never overwriting their
# edits), then becomes jupyterhub-singleuser. It runs as the learner, so any spawner can use it.
c.Spawner.cmd = [sys.executable, str(DEPLOY / "start_series.py")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/lab/tree/notebooks/01_key_terms.ipynb"
# ipywidgets echoes every slider move back to the page that made it, so that other views of the
# same widget follow; a learner has one view, and the echo is a fifth of a panel update's
# messages (kernel and server CPU: measured in deploy/README.md). Set it to "1" to keep echoes.
c.Spawner.environment = {"JUPYTER_WIDGETS_ECHO": "0"}
c.Spawner.http_timeout = 120  # the first start on a busy machine imports JupyterLab cold
c.Spawner.start_timeout = 120

# ---- Limits per learner, from bench/bench_classroom.py (see deploy/README.md) --------------------
# A learner's server + kernel with a live panel used 193-200 MiB (proportional set size,
# measured for 5-40 learners); a notebook run top to bottom peaks higher, and 512 MiB leaves room
# for a second notebook's kernel. Enforced by SystemdSpawner, DockerSpawner and KubeSpawner; the
# local process spawners only pass them on as MEM_LIMIT/CPU_LIMIT environment variables.
c.Spawner.mem_limit = "512M"
c.Spawner.mem_guarantee = "256M"  # KubeSpawner schedules on it; the others ignore it
# A slider update cost 6-10 ms of kernel CPU plus 6-7 ms in the server, proxy and hub: 5 updates/s
# is under 0.1 core. Half a core leaves room for
# running cells, and caps what one runaway cell takes from the rest of the class.
c.Spawner.cpu_limit = 0.5
c.Spawner.cpu_guarantee = 0.05  # KubeSpawner only

# ---- Idle culler: a server nobody has touched for an hour is stopped, its files stay ------------
CULL_TIMEOUT_S = 3600
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={CULL_TIMEOUT_S}",
            "--cull-every=300",
        ],
    }
]
