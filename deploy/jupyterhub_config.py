"""The class hub on one machine: NativeAuthenticator (learners sign up, the instructor approves)
and SystemdSpawner (each learner's server in its own systemd unit, memory and CPU enforced).

Run as root from a checkout readable by everyone, e.g. /opt/nnlib, after `make hub-deps` and
`.venv/bin/pip install jupyterhub-nativeauthenticator jupyterhub-systemdspawner` (neither is
pinned: the tests cannot run systemd, so this file is documented, not tested). Put HTTPS in
front (deploy/README.md). deploy/trial_config.py is the tested variant for a local trial.
"""

from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821  (provided by JupyterHub)
load_subconfig(str(Path(__file__).with_name("series_config.py")))  # type: ignore[name-defined]  # noqa: F821

DEPLOY = Path(__file__).resolve().parent
STATE = Path("/srv/jupyterhub")  # database and cookie secret, readable by root only
STATE.mkdir(mode=0o700, exist_ok=True)

# Behind a reverse proxy that terminates HTTPS (Caddy, nginx) on the same machine.
c.JupyterHub.bind_url = "http://127.0.0.1:8000"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "cookie_secret")
proxy = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
if proxy.exists():
    c.ConfigurableHTTPProxy.command = [str(proxy)]

# ---- Who may log in: learners sign up at /hub/signup, the instructor approves at /hub/authorize --
c.JupyterHub.authenticator_class = "native"
c.Authenticator.admin_users = {"instructor"}  # sign up as this name first
c.Authenticator.allow_all = True  # everyone the instructor has approved
c.NativeAuthenticator.open_signup = False
c.NativeAuthenticator.minimum_password_length = 10
c.NativeAuthenticator.check_common_password = True

# ---- Where servers run: one systemd unit per learner, with a private user id and /tmp ------------
c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
c.SystemdSpawner.dynamic_users = True  # no system accounts to create; homes in /var/lib/private
c.SystemdSpawner.isolate_tmp = True
c.SystemdSpawner.isolate_devices = True
c.SystemdSpawner.disable_user_sudo = True
# mem_limit and cpu_limit come from series_config.py; SystemdSpawner turns them into the unit's
# MemoryMax and CPUQuota, so a learner's runaway cell cannot starve the class.
