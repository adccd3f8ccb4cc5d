"""A local trial of the class hub on 127.0.0.1: `make hub`, and the tests and the load test.

NOT for a class: every learner shares one password and all servers run as the user who started
the hub, with no isolation and no enforced limits. deploy/jupyterhub_config.py is the real one.

Settings come from the environment:
  NNLIB_HUB_STATE     folder for the database, secrets and learners' homes (default deploy/.trial)
  NNLIB_HUB_PORT      public port on 127.0.0.1 (default 8000)
  NNLIB_HUB_PASSWORD  the shared password (default: a random one, written to STATE/password)
  NNLIB_HUB_API_TOKEN if set, a "driver" service with this token may manage users and servers
                      (the load test and the tests use it to start servers without a browser)
"""

import os
import secrets
import socket
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821  (provided by JupyterHub)
load_subconfig(str(Path(__file__).with_name("series_config.py")))  # type: ignore[name-defined]  # noqa: F821

DEPLOY = Path(__file__).resolve().parent
STATE = Path(os.environ.get("NNLIB_HUB_STATE", DEPLOY / ".trial")).resolve()
STATE.mkdir(parents=True, exist_ok=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def shared_password() -> str:
    given = os.environ.get("NNLIB_HUB_PASSWORD")
    if given:
        return given
    stored = STATE / "password"
    if not stored.exists():
        stored.write_text(secrets.token_urlsafe(12))
        stored.chmod(0o600)
    return stored.read_text().strip()


# ---- Only 127.0.0.1: the public port, the hub's own port and the proxy's API port ---------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{os.environ.get('NNLIB_HUB_PORT', '8000')}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{free_port()}"
c.Spawner.ip = "127.0.0.1"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
proxy = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
if proxy.exists():
    c.ConfigurableHTTPProxy.command = [str(proxy)]

# ---- Anyone may log in with the shared password; servers run as this user, homes in STATE -----
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = shared_password()
c.SharedPasswordAuthenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "homes" / "{username}")
if os.geteuid() == 0:  # containers and cloud shells are often root; Jupyter refuses unless told
    c.Spawner.args = ["--allow-root"]
c.Spawner.environment.update({"NNLIB_SERIES_DIR": str(DEPLOY.parent)})

token = os.environ.get("NNLIB_HUB_API_TOKEN")
if token:
    c.JupyterHub.services.append({"name": "driver", "api_token": token})
    c.JupyterHub.load_roles.append(
        {
            "name": "driver",
            "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"],
            "services": ["driver"],
        }
    )
