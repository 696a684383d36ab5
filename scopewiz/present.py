"""The session's record as a live page for the meeting's shared screen (``scopewiz present``).

The page follows the session file, not the wizard: a watcher polls the file's
identity (inode, size, modification time) a few times a second and renders
the record again when it changes, whoever saved it (the wizard, an ``edit`` in
another terminal, a hand edit). Each open page holds one server-sent-events
stream and swaps the record in place, keeping the reader's scroll position.
A file that cannot be read keeps the last good record on the page, under a
banner that says why.

Nobody in who does not belong: the server listens on 127.0.0.1 unless told
otherwise; every request must carry the random token of the address printed
(403 without it); only the page and its stream exist (404 for anything
else, and no path of a request is ever opened); only GET is answered (405);
answers reach the page escaped, as in the HTML record, and a Content Security
Policy lets only the page's own script run. Built on the standard library's
ThreadingHTTPServer: nothing to install, and nothing loaded before it starts.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

#: How often the session file is looked at, in seconds: a save shows within a second.
POLL = 0.25
#: A comment sent on a quiet stream, so that a closed page is noticed.
KEEPALIVE = 15.0

PRESENT_STYLE = """
body { font-size: 21px; max-width: 62rem; color: #000; background: #fff; }
h1 { font-size: 2rem; } h2 { font-size: 1.5rem; color: #0b3d91; border-color: #0b3d91; }
th { background: #dde6f5; } th, td { border-color: #444; }
h2.current { background: #fff3b0; outline: 6px solid #fff3b0; }
#bar { position: sticky; top: 0; z-index: 1; background: #0b3d91; color: #fff;
  padding: .5rem 1rem; margin: 0 -1rem 1rem; font-size: 1.05rem; }
#bar strong { color: #fff3b0; }
#banner { display: none; background: #9b1c1c; color: #fff; padding: .5rem 1rem;
  margin: 0 -1rem 1rem; }
#banner.shown { display: block; }
"""

SCRIPT = """
const stream = new EventSource("events?t=" + encodeURIComponent(TOKEN));
stream.onmessage = (event) => {
  const update = JSON.parse(event.data);
  const y = window.scrollY;
  document.getElementById("record").innerHTML = update.record;
  document.getElementById("where").textContent = update.where;
  document.getElementById("saved").textContent = update.saved;
  const banner = document.getElementById("banner");
  banner.textContent = update.banner;
  banner.className = update.banner ? "shown" : "";
  document.title = update.title;
  window.scrollTo(0, y);
};
"""


@dataclass(frozen=True)
class Snapshot:
    """What the page shows: the record's HTML, where the meeting is, and any trouble."""

    record: str
    where: str
    title: str
    saved: str
    banner: str = ""

    def as_json(self) -> str:
        return json.dumps(asdict(self))


def _identity(path: Path) -> tuple[int, int, int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)


def snapshot_of(path: Path) -> Snapshot:
    """The record of the session file at ``path`` as the page shows it; raises ScopewizError."""
    from .dates import today
    from .engine import next_step
    from .formats.html import body_html
    from .render import filled, render
    from .session import load_session

    bank, session, _ = load_session(path)
    step = next_step(bank, session.state)
    if step is None:
        where, current = "Every question is answered", None
    else:
        section = step.question.section
        current = section.title if section is not None else None
        where = f"{current or ''} · {step.question.heading}"
    markdown = render(bank, session.state, source=path.name, saved=session.updated, today=today())
    title = filled(bank, session.state, bank.record_title or bank.title)
    saved = f"Saved {session.updated[11:19]}" if len(session.updated) >= 19 else ""
    return Snapshot(body_html(markdown, current), where, title, saved)


class Watcher:
    """The latest snapshot of one session file, renewed whenever the file changes.

    ``where`` is the file, or how to find it now: a new session has no file
    until its first save, and may be renamed by its answers.
    """

    def __init__(self, where: Path | Callable[[], Path | None]) -> None:
        self._where = where
        self.version = 0
        self._changed = threading.Condition()
        self._seen: tuple[int, int, int, int] | None = None
        self.stopping = False
        self.snapshot = self._read(None)
        self._thread = threading.Thread(target=self._poll, name="scopewiz-watch", daemon=True)

    @property
    def path(self) -> Path | None:
        return self._where() if callable(self._where) else self._where

    def start(self) -> None:
        self._thread.start()

    def _read(self, last: Snapshot | None) -> Snapshot:
        from .errors import ScopewizError

        path = self.path
        self._seen = _identity(path) if path is not None else None
        if path is None or self._seen is None and last is None:
            # Nothing saved yet: the first answer makes the file.
            return Snapshot("", "Waiting for the first answer", "scopewiz", "", "")
        try:
            return snapshot_of(path)
        except ScopewizError as exc:
            problem = f"The session file cannot be read just now: {exc.message}"
        except (OSError, ValueError) as exc:
            problem = f"The session file cannot be read just now: {exc}"
        if last is None:
            return Snapshot("", "", path.name, "", problem)
        return Snapshot(last.record, last.where, last.title, last.saved, problem)

    def _poll(self) -> None:
        while not self.stopping:
            time.sleep(POLL)
            path = self.path
            if (_identity(path) if path is not None else None) == self._seen:
                continue
            fresh = self._read(self.snapshot)
            with self._changed:
                self.snapshot = fresh
                self.version += 1
                self._changed.notify_all()

    def wait(self, version: int, timeout: float) -> tuple[int, Snapshot] | None:
        """The snapshot newer than ``version``, or None after ``timeout`` seconds of none."""
        with self._changed:
            if self.version == version:
                self._changed.wait(timeout)
            if self.version == version:
                return None
            return self.version, self.snapshot

    def stop(self) -> None:
        with self._changed:
            self.stopping = True
            self._changed.notify_all()


def page(token: str, nonce: str, snap: Snapshot) -> str:
    """The whole page, showing ``snap``; its script keeps it up to date."""
    from .formats.html import STYLE

    script = f"const TOKEN = {json.dumps(token)};\n{SCRIPT}"
    banner_class = ' class="shown"' if snap.banner else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(snap.title)}</title>\n"
        f"<style>{STYLE}{PRESENT_STYLE}</style>\n</head>\n<body>\n"
        '<div id="bar" role="status" aria-live="polite">Now: '
        f'<strong id="where">{escape(snap.where)}</strong> · <span id="saved">'
        f"{escape(snap.saved)}</span></div>\n"
        f'<div id="banner" role="alert"{banner_class}>{escape(snap.banner)}</div>\n'
        f'<main id="record">\n{snap.record}</main>\n'
        f'<script nonce="{nonce}">{script}</script>\n</body>\n</html>\n'
    )


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is the wizard's."""

    def _refuse(self, code: int, words: str, allow: bool = False) -> None:
        body = words.encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if allow:
            self.send_header("Allow", "GET")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_allowed(self) -> None:
        self._refuse(405, "Only GET is answered here.\n", allow=True)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _not_allowed

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        given = parse_qs(url.query).get("t", [""])[0]
        if not hmac.compare_digest(given.encode(), self.server.token.encode()):
            self._refuse(403, "This page needs the address scopewiz printed, token and all.\n")
            return
        if url.path == "/":
            self._page()
        elif url.path == "/events":
            self._events()
        else:
            self._refuse(404, "Only the record is here.\n")

    def _headers(self, kind: str, nonce: str = "") -> None:
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
            "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        )

    def _page(self) -> None:
        nonce = secrets.token_urlsafe(16)
        body = page(self.server.token, nonce, self.server.watcher.snapshot).encode(
            "utf-8", "replace"
        )
        self.send_response(200)
        self._headers("text/html; charset=utf-8", nonce)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self._headers("text/event-stream; charset=utf-8")
        self.send_header("Connection", "keep-alive")
        self.end_headers()
        watcher = self.server.watcher
        version = watcher.version
        try:
            while not watcher.stopping:
                fresh = watcher.wait(version, KEEPALIVE)
                if fresh is None:
                    self.wfile.write(b": still here\n\n")
                else:
                    version, snap = fresh
                    self.wfile.write(f"data: {snap.as_json()}\n\n".encode("utf-8", "replace"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return  # the page was closed


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # an open page never keeps scopewiz running
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], token: str, watcher: Watcher) -> None:
        self.token = token
        self.watcher = watcher
        super().__init__(address, _Handler)


class Presenter:
    """A running live page of one session: its address, and how to stop it."""

    def __init__(
        self,
        path: Path | Callable[[], Path | None],
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.watcher = Watcher(path)
        self.token = secrets.token_urlsafe(24)
        self.server = _Server((host, port), self.token, self.watcher)
        self._thread = threading.Thread(
            target=self.server.serve_forever, name="scopewiz-present", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/?t={self.token}"

    def start(self) -> Presenter:
        self.watcher.start()
        self._thread.start()
        return self

    def stop(self) -> None:
        self.watcher.stop()
        self.server.shutdown()
        self.server.server_close()
