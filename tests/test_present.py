"""The live page for the shared screen (issue 14): who gets in, what it shows, how it follows saves.

The server is driven over real HTTP; the browser tests use Debian's Chromium
through Playwright (skipped where either is missing) while the wizard runs in
a pseudo-terminal beside it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
import yaml

from scopewiz.present import Presenter

from .test_cli import GOLDEN_SESSION

pytestmark = pytest.mark.timeout(90)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / GOLDEN_SESSION.name
    shutil.copy2(GOLDEN_SESSION, path)
    return path


@pytest.fixture
def presenter(session: Path) -> Iterator[Presenter]:
    running = Presenter(session).start()
    yield running
    running.stop()


def get(url: str, method: str = "GET") -> tuple[int, str]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def edit_answer(path: Path, key: str, value: str) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["answers"][key] = value
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


# -- who gets in ---------------------------------------------------------------------------


def test_the_page_needs_the_token(presenter: Presenter) -> None:
    status, body = get(presenter.url)
    assert status == 200
    assert "Leeds wants to be the best city for children to grow up in." in body
    base = presenter.url.split("?")[0]
    for wrong in (base, base + "?t=", base + "?t=guess", base + "events", base + "x?t=y"):
        assert get(wrong)[0] == 403, wrong


def test_only_the_page_and_its_stream_exist(presenter: Presenter) -> None:
    token = presenter.url.split("?t=")[1]
    base = presenter.url.split("?")[0]
    for path in ("etc/passwd", "../leeds-2026-12-01.scopewiz.yaml", "favicon.ico", "%2e%2e/"):
        assert get(f"{base}{path}?t={token}")[0] == 404, path


def test_only_get_is_answered(presenter: Presenter) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        status, _ = get(presenter.url, method)
        assert status == 405, method


def test_it_listens_on_this_machine_only(presenter: Presenter) -> None:
    assert presenter.server.server_address[0] == "127.0.0.1"
    assert presenter.url.startswith("http://127.0.0.1:")


def test_the_page_allows_only_its_own_script(presenter: Presenter) -> None:
    request = urllib.request.Request(presenter.url)
    with urllib.request.urlopen(request, timeout=10) as response:
        policy = response.headers["Content-Security-Policy"]
        body = response.read().decode()
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy.split("style-src")[0]
    assert body.count("<script") == 1 and f'<script nonce="{nonce}">' in body


# -- it follows the file ------------------------------------------------------------------


def first_update(url: str, timeout: float = 5.0) -> dict[str, str]:
    """Open the update stream and return the first update sent on it."""
    token = url.split("?t=")[1]
    stream = urllib.request.urlopen(f"{url.split('?')[0]}events?t={token}", timeout=timeout)
    try:
        for raw in stream:
            line = raw.decode()
            if line.startswith("data: "):
                update: dict[str, str] = json.loads(line[len("data: ") :])
                return update
    finally:
        stream.close()
    raise AssertionError("the stream ended")


def test_a_save_by_anyone_reaches_the_page_within_a_second(
    presenter: Presenter, session: Path
) -> None:
    import threading

    def later() -> None:
        time.sleep(0.3)
        edit_answer(session, "strategy", "A brand new strategy")

    threading.Thread(target=later).start()
    started = time.monotonic()
    update = first_update(presenter.url)
    assert time.monotonic() - started < 2.0
    assert "A brand new strategy" in update["record"]
    assert update["banner"] == ""


def test_an_unreadable_file_keeps_the_last_good_record_under_a_banner(
    presenter: Presenter, session: Path
) -> None:
    import threading

    def later() -> None:
        time.sleep(0.3)
        session.write_text("answers: [unclosed\n", encoding="utf-8")

    threading.Thread(target=later).start()
    update = first_update(presenter.url)
    assert update["banner"].startswith("The session file cannot be read just now: ")
    assert "Leeds wants to be the best city" in update["record"]
    status, body = get(presenter.url)
    assert status == 200 and 'id="banner" role="alert" class="shown"' in body


def test_the_page_names_where_the_meeting_is(session: Path) -> None:
    doc = yaml.safe_load(session.read_text(encoding="utf-8"))
    del doc["answers"]["culture"]
    session.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    running = Presenter(session).start()
    try:
        _, body = get(running.url)
    finally:
        running.stop()
    assert '<strong id="where">Culture · Culture</strong>' in body
    assert '<h2 class="current" id="current">Culture</h2>' in body


# -- the command ---------------------------------------------------------------------------


def spawn_present(session: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "scopewiz", "present", str(session), "--no-browser"],
        cwd=session.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    for _ in range(20):
        line = process.stderr.readline()
        if "live: " in line:
            return process, line.split("live: ")[1].strip()
    process.kill()
    raise AssertionError("no address printed")


def port_of(url: str) -> int:
    return int(url.split(":")[2].split("/")[0])


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_ctrl_c_stops_the_page(session: Path) -> None:
    process, url = spawn_present(session)
    assert get(url)[0] == 200
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    assert "Stopped showing the record." in (process.stderr.read() if process.stderr else "")
    assert not listening(port_of(url))


def test_sigkill_leaves_nothing_listening(session: Path) -> None:
    process, url = spawn_present(session)
    assert listening(port_of(url))
    process.kill()
    process.wait(timeout=10)
    assert not listening(port_of(url))


def test_another_host_is_warned_about(session: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "scopewiz", "present", str(session), "--no-browser"]
        + ["--host", "0.0.0.0"],
        cwd=session.parent,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    try:
        warning = process.stderr.readline()
        assert warning.startswith("Warning: listening on 0.0.0.0: anyone who can reach")
        assert "live: http://0.0.0.0:" in process.stderr.readline()
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


# -- in a real browser ---------------------------------------------------------------------


@pytest.fixture
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def scopewiz_in_a_terminal(args: list[str], cwd: Path) -> pexpect.spawn:
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color", NO_COLOR="1")
    return pexpect.spawn(
        sys.executable,
        ["-m", "scopewiz", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=20,
    )


def test_the_browser_shows_each_answer_as_it_is_saved(
    browser: object, session: Path, tmp_path: Path
) -> None:
    process, url = spawn_present(session)
    wizard = scopewiz_in_a_terminal(
        ["edit", session.name, "--question", "strategy"], session.parent
    )
    try:
        page = browser.new_page(viewport={"width": 1000, "height": 700})  # type: ignore[attr-defined]
        page.goto(url)
        page.wait_for_selector("text=The Children and Young People's Plan 2023-2028.")
        page.evaluate("window.notReloaded = true; window.scrollTo(0, 600)")
        before = page.evaluate("window.scrollY")
        wizard.expect_exact("What overall strategy")
        wizard.send("\x15Our new plan for every child\x1b\r")  # clear, type, save
        page.wait_for_selector("text=Our new plan for every child", timeout=2000)
        assert page.evaluate("window.notReloaded") is True
        assert page.evaluate("window.scrollY") == before
        page.screenshot(path=str(tmp_path / "present.png"), full_page=False)
        assert (tmp_path / "present.png").stat().st_size > 10_000
    finally:
        wizard.terminate(force=True)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


def test_no_script_from_an_answer_runs_in_the_browser(browser: object, session: Path) -> None:
    hostile = (
        '<script>window.pwned = 1</script> <img src=x onerror="window.pwned = 2"> '
        "[click](javascript:window.pwned=3)"
    )
    edit_answer(session, "strategy", hostile)
    process, url = spawn_present(session)
    try:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url)
        page.wait_for_selector("text=window.pwned = 1")
        assert hostile in page.inner_text("#record")
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert (
            page.evaluate(
                "document.querySelectorAll('#record script, #record img, #record a').length"
            )
            == 0
        )
        edit_answer(session, "strategy", hostile + " again")
        page.wait_for_selector("text=again", timeout=3000)
        assert page.evaluate("typeof window.pwned") == "undefined"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


# -- --present: the page beside the wizard -------------------------------------------------


def wizard_presenting(args: list[str], cwd: Path) -> tuple[pexpect.spawn, str]:
    env = dict(
        os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color", NO_COLOR="1", BROWSER="true"
    )
    child = pexpect.spawn(
        sys.executable,
        ["-m", "scopewiz", *args, "--present"],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=20,
    )
    child.expect(r"The record, live for the shared screen: (http://127\.0\.0\.1:\d+/\?t=[\w-]+)")
    return child, child.match.group(1)


def test_new_present_shows_each_answer_from_the_first(tmp_path: Path) -> None:
    child, url = wizard_presenting(["new"], tmp_path)
    try:
        status, body = get(url)
        assert status == 200 and "Waiting for the first answer" in body
        child.expect_exact("hosting the peer challenge?")
        child.send("Leeds\r")
        child.expect_exact("When is this scoping meeting taking place?")
        deadline = time.monotonic() + 3
        while "Leeds (E08000035" not in get(url)[1] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "Leeds (E08000035, Yorkshire and The Humber)" in get(url)[1]
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130
    assert not listening(port_of(url))  # Ctrl-C stops the page with the wizard


def test_a_killed_wizard_leaves_no_page_listening(session: Path) -> None:
    doc = yaml.safe_load(session.read_text(encoding="utf-8"))
    del doc["answers"]["culture"]
    session.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    child, url = wizard_presenting(["resume", session.name], session.parent)
    try:
        child.expect_exact("What is the culture")
        assert listening(port_of(url))
        child.kill(signal.SIGKILL)
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert not listening(port_of(url))
