"""The log: `logs/frontdesk.log` in the data folder, what went wrong kept for whoever helps.

Set up once at start (`start`, from `app.cli.main`, for the window and every command): a
rotating file (1 MB, five older files kept, readable by this user only) that holds FrontDesk's
own events at INFO and above — the start, sign-ins (the user's number), schema upgrades and
backups, outbox messages that could not be sent — and the traceback of every error nobody
caught (`install_hooks`: `sys.excepthook` and `threading.excepthook`; the window adds Qt's
criticals and the sentence it shows, app/ui/start/unexpected.py).

What the file never holds (`SafeFormatter`): passwords and URL secrets (app/redact.py), and
what people typed about clients. A log call's message is the program's own words; its values
are written when they are numbers, dates, single words (a user name, a reason code, a file
name) or exceptions (their message with “quoted” text, a failed statement's values and e-mail
addresses hidden). Free text — a value with a space in it, such as a note, a full name or a
reason typed at the desk — is written as ‹…›. Program text with spaces that must be shown
(a message of Qt's) is passed as `Said(text)`.
"""

from __future__ import annotations

import datetime as _dt
import enum
import logging
import os
import re
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path, PurePath
from types import TracebackType
from typing import Any

from app.redact import TYPED, hide_personal, hide_secrets

LOG_FILE = "frontdesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
# Loggers whose INFO is written: FrontDesk's own (app.bootstrap names each schema upgrade).
# Never the root: SQLAlchemy would then log every statement with its values.
WRITTEN = ("app",)
FORMAT = "%(asctime)s %(levelname)-8s %(name)s [%(process)d %(threadName)s] %(message)s"
WORD_MAX = 80
_SECRET_WORDS = re.compile(
    r"pass(?:word|wd|phrase)?|secret|token|api.?key|credential", re.I
)  # a longer value without spaces is still free text (a pasted note, a token)

log = logging.getLogger(__name__)


class Said(str):
    """Program text with spaces that the log writes (secrets and “quoted” words still hidden)."""


def shown(value: object) -> object:
    """What the log writes for one value passed to a log call (see the module's docstring)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return shown(value.value)
    if isinstance(value, _dt.date | _dt.time | _dt.timedelta):
        return str(value)
    if isinstance(value, BaseException):
        return f"{type(value).__name__}: {hide_personal(str(value))}"
    if isinstance(value, Said | PurePath):
        return hide_personal(str(value))
    if isinstance(value, str):
        single_word = value and not any(c.isspace() for c in value) and len(value) <= WORD_MAX
        return hide_personal(value) if single_word else TYPED
    return f"‹{type(value).__name__}›"  # a record, a list, a dict: what it holds is not written


def _chain(te: traceback.TracebackException) -> Iterator[traceback.TracebackException]:
    seen: set[int] = set()
    todo = [te]
    while todo:
        one = todo.pop()
        if id(one) in seen:
            continue
        seen.add(id(one))
        yield one
        todo += [x for x in (one.__cause__, one.__context__) if x is not None]
        todo += list(getattr(one, "exceptions", None) or ())


def traceback_text(
    exc_info: tuple[type[BaseException], BaseException, TracebackType | None],
) -> str:
    """The traceback with each exception's message (and notes) cleaned by hide_personal."""
    try:
        te = traceback.TracebackException(*exc_info, compact=True)
        for one in _chain(te):
            one._str = hide_personal(str(one._str))  # type: ignore[attr-defined]
            notes = getattr(one, "__notes__", None)
            if notes:
                one.__notes__ = [hide_personal(str(n)) for n in notes]
        return hide_secrets("".join(te.format()).rstrip("\n"))
    except Exception:  # a traceback that cannot be walked: the type, which is never personal
        return f"{exc_info[0].__name__} (its traceback could not be written)"


class SafeFormatter(logging.Formatter):
    """Formats a record without secrets or typed text; the record itself is left as it was."""

    def __init__(self) -> None:
        super().__init__(FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        safe = logging.makeLogRecord(record.__dict__)
        safe.msg, safe.args = self.message_of(record), None
        safe.exc_info, safe.exc_text, safe.stack_info = None, None, None
        text = super().format(safe)
        if record.exc_info and record.exc_info[0] is not None:
            text += "\n" + traceback_text(record.exc_info)
        if record.stack_info:
            text += "\n" + hide_secrets(record.stack_info)
        return text

    @staticmethod
    def message_of(record: logging.LogRecord) -> str:
        template = str(record.msg)
        if not record.args:
            return hide_secrets(template)
        args = record.args
        secret = _SECRET_WORDS.search(template) is not None  # "… password %s": never its value

        def show(value: object) -> object:
            return TYPED if secret and isinstance(value, str) else shown(value)

        try:
            if isinstance(args, dict):
                text = template % {k: show(v) for k, v in args.items()}
            else:
                text = template % tuple(show(a) for a in args)
        except (TypeError, ValueError, KeyError):  # %d given a hidden value, a wrong count …
            values = args.values() if isinstance(args, dict) else args
            text = f"{template} [{', '.join(str(show(a)) for a in values)}]"
        return hide_secrets(text)


class RotatingFile(logging.FileHandler):
    """A file that starts afresh at MAX_BYTES, keeping BACKUPS older ones (.1 the newest).

    logging.handlers.RotatingFileHandler's rotation, without that module (it loads socket and
    pickle ahead of the first painted week), 0600 from the first byte, and silent about its own
    failures: logging would print "--- Logging error ---" over a command's one sentence.
    """

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.max_bytes, self.backups = max_bytes, backups

    def _open(self) -> Any:
        from app.paths import private_file

        private_file(Path(self.baseFilename))
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is None:
                self.stream = self._open()
            line = self.format(record) + self.terminator
            if self.stream.tell() + len(line.encode("utf-8")) > self.max_bytes:
                self.rotate()
            self.stream.write(line)
            self.stream.flush()
        except Exception:
            self.handleError(record)

    def rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        for n in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{n}"):
                os.replace(f"{base}.{n}", f"{base}.{n + 1}")
        if os.path.exists(base):
            os.replace(base, f"{base}.1")
        self.stream = self._open()

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass  # a full disk or a file another desk holds must not stop this one


def _log_file(path: Path) -> logging.Handler:
    handler = RotatingFile(path, MAX_BYTES, BACKUPS)
    handler.set_name("frontdesk-log")
    return handler


_file: logging.Handler | None = None
_where: Path | None = None


def start(log_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Write the log to `log_dir`/frontdesk.log from now on (a second start moves it there).

    Returns the file, or None when the folder cannot be made (the program goes on unlogged).
    """
    global _file, _where
    stop()
    from app.paths import private_folder

    try:
        private_folder(log_dir)
    except OSError:
        return None
    path = log_dir / LOG_FILE
    handler = _log_file(path)
    handler.setFormatter(SafeFormatter())
    handler.setLevel(level)
    logging.getLogger().addHandler(handler)
    for name in WRITTEN:
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() > level:
            logger.setLevel(level)
    _file, _where = handler, path
    return path


def stop() -> None:
    """Stop writing the file (tests; a start elsewhere)."""
    global _file, _where
    if _file is not None:
        logging.getLogger().removeHandler(_file)
        _file.close()
    _file = _where = None


def log_file() -> Path | None:
    """The file the log is written to now, if any."""
    return _where


def log_folder(data_dir: Path) -> Path:
    """Where the log of the data folder `data_dir` is (app.paths.AppPaths.log_dir)."""
    from app.paths import AppPaths

    return AppPaths(data_dir).log_dir


# -- errors nobody caught ----------------------------------------------------------------------

Listener = Callable[[], None]
_listeners: list[Listener] = []
_installed: dict[str, Any] = {}


def on_unexpected(listener: Listener) -> Callable[[], None]:
    """Call `listener()` (from any thread) after an uncaught error is logged; returns the undo."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def unexpected(
    exc_info: tuple[type[BaseException], BaseException, TracebackType | None], where: str
) -> None:
    """Log an error nobody caught, with its traceback, and tell the listeners (the window)."""
    log.critical("Unexpected error in %s", Said(where), exc_info=exc_info)
    for listener in list(_listeners):
        try:
            listener()
        except Exception:  # a listener's own failure: logged, never raised from a hook
            log.error("Error while reporting an error", exc_info=True)


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        _installed["sys"](kind, value, tb)
        return
    unexpected((kind, value, tb), "the main thread")
    if not _listeners and sys.stderr is not None:  # no window: the console shows it as ever
        _installed["sys"](kind, value, tb)


def _threading_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    name = args.thread.name if args.thread is not None else "a thread"
    unexpected((args.exc_type, args.exc_value, args.exc_traceback), f"thread {name}")
    if not _listeners and sys.stderr is not None:
        _installed["threading"](args)


def install_hooks() -> None:
    """Every uncaught error, on any thread, goes to the log (once, however often called)."""
    if sys.excepthook is not _excepthook:
        _installed["sys"] = sys.excepthook
        sys.excepthook = _excepthook
    if threading.excepthook is not _threading_hook:
        _installed["threading"] = threading.excepthook
        threading.excepthook = _threading_hook


def uninstall_hooks() -> None:
    """Put back the hooks found by install_hooks (tests)."""
    if sys.excepthook is _excepthook:
        sys.excepthook = _installed.get("sys", sys.__excepthook__)
    if threading.excepthook is _threading_hook:
        threading.excepthook = _installed.get("threading", threading.__excepthook__)


def started(what: str) -> None:
    """The start line: version, what runs, the process."""
    from app import __version__

    log.info("FrontDesk %s started: %s (Python %s, %s)", __version__, Said(what),
             sys.version.split()[0], sys.platform)  # fmt: skip
