"""The class hub from deploy/: two learners log in, each runs notebook 02 on their own server.

The hub is deploy/trial_config.py (shared password, local processes) on 127.0.0.1 at a random
port, with the same series set-up, idle culler and limits as the production config. The tests
run in file order: the last one stops the hub and looks for anything it left running.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hubdriver import INSTALL_HINT, TrialHub, missing_requirements
from labdriver import IDLE, errors_shown, run_all
from panel_moves import exact_value, move_slider, panel_with, slider
from playwright.sync_api import Browser, BrowserContext, Page, expect

LEARNERS = ("ada", "grace")
NOTEBOOK = "notebooks/02_single_neuron.ipynb"


@pytest.fixture(scope="module")
def hub() -> Iterator[TrialHub]:
    missing = missing_requirements()
    if missing:
        message = f"the hub test needs {', '.join(missing)}: {INSTALL_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the hub test to run. {message}", pytrace=False)
        pytest.skip(message)
    hub = TrialHub()
    try:
        for learner in LEARNERS:
            hub.prepare_home(learner)
        yield hub.start()
    finally:
        hub.clean_up()


@pytest.fixture(scope="module")
def pages(browser: Browser, hub: TrialHub) -> Iterator[dict[str, Page]]:
    """One browser context (its own cookies) per learner, logged in with the shared password."""
    contexts: list[BrowserContext] = []
    found = {}
    for learner in LEARNERS:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        context.set_default_timeout(60_000)
        contexts.append(context)
        found[learner] = log_in(context.new_page(), hub, learner)
    yield found
    for context in contexts:
        context.close()


def log_in(page: Page, hub: TrialHub, learner: str) -> Page:
    page.goto(f"{hub.url}/hub/login")
    page.locator("input[name=username]").fill(learner)
    page.locator("input[name=password]").fill(hub.password)
    page.locator("input[type=submit], button[type=submit]").first.click()
    # The hub starts the learner's server and sends them to their first notebook.
    page.wait_for_url(f"**/user/{learner}/lab/**", timeout=180_000)
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=90_000)
    return page


def test_the_wrong_password_is_refused(browser: Browser, hub: TrialHub) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login")
    page.locator("input[name=username]").fill("mallory")
    page.locator("input[name=password]").fill(hub.password + "x")
    page.locator("input[type=submit], button[type=submit]").first.click()
    expect(page.get_by_text("Invalid username or password")).to_be_visible()
    assert "/user/mallory" not in page.url
    context.close()


@pytest.mark.parametrize("learner", LEARNERS)
def test_each_learner_runs_notebook_02_on_their_own_server(
    hub: TrialHub, pages: dict[str, Page], learner: str
) -> None:
    page = pages[learner]
    assert (hub.home(learner) / NOTEBOOK).is_file(), "the series was not copied into the home"
    page.goto(f"{hub.url}/user/{learner}/lab/workspaces/hub-test/tree/{NOTEBOOK}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=90_000)
    page.locator("#jp-main-statusbar").get_by_text(IDLE).wait_for(timeout=90_000)
    run_all(page)
    assert errors_shown(page) == []
    panel = panel_with(page, "activation f", "bias b").first
    panel.scroll_into_view_if_needed()
    before = exact_value(slider(panel, "w1"))
    after = move_slider(panel, "w1", step=0.05, presses=2)
    assert after != before
    # The kernel that answered runs on this learner's server, on their copy of the notebook.
    sessions = hub.request(f"/user/{learner}/api/sessions")
    assert NOTEBOOK in {session["path"] for session in sessions}, sessions


@pytest.mark.parametrize(
    "path", ["/lab/tree/notebooks/02_single_neuron.ipynb", "/api/contents/notebooks"]
)
def test_a_learner_cannot_open_another_learners_server(
    hub: TrialHub, pages: dict[str, Page], path: str
) -> None:
    intruder, owner = LEARNERS
    response = pages[intruder].request.get(f"{hub.url}/user/{owner}{path}")
    final = response.url
    assert response.status == 403 or "/hub/login" in final, (response.status, final)
    assert "02_single_neuron" not in response.text() or response.status == 403
    assert "Single neuron" not in response.text()
    # Their own server still answers them, so the refusal is about whose server it is.
    own = pages[intruder].request.get(f"{hub.url}/user/{intruder}/api/contents/notebooks")
    assert own.status == 200 and "02_single_neuron.ipynb" in own.text()


def test_the_idle_culler_runs_as_a_hub_service(hub: TrialHub) -> None:
    running = hub.remember_processes().values()
    assert any("jupyterhub_idle_culler" in cmdline for cmdline in running), list(running)


def test_stopping_the_hub_leaves_no_process_behind(hub: TrialHub, pages: dict[str, Page]) -> None:
    started = hub.remember_processes()
    kinds = ("configurable-http-proxy", "jupyterhub.singleuser", "ipykernel", "idle_culler")
    for kind in kinds:
        assert any(kind in cmdline for cmdline in started.values()), (kind, started)
    hub.stop()
    assert hub.still_running() == {}
