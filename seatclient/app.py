"""The composition root: builds every object, runs the Qt event loop with asyncio, owns shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QMessageLogContext, QSettings, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QStyleFactory

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.knowledge_feed import HttpKnowledgeFeed
from seatclient.api.order_lookup import ApiOrderLookup
from seatclient.api.training import TrainingApi
from seatclient.compliance.live import load_compliance_rules
from seatclient.compliance.prompter import ScriptPrompter
from seatclient.config import Settings, profile_dir
from seatclient.credentials import CredentialStore
from seatclient.dispatch import load_default as load_default_catalogue
from seatclient.dispatch import load_default_units
from seatclient.errorfunnel import ErrorFunnel
from seatclient.forms.drafts import DraftStore
from seatclient.forms.editor import OrderEditorFactory
from seatclient.forms.repeat_callers import RepeatCallerLookup, load_default_lookup_rules
from seatclient.i18n import install_language, tr
from seatclient.knowledge.service import KnowledgeService, KnowledgeSyncError
from seatclient.logsetup import configure_logging
from seatclient.mock.embedded import EmbeddedBackend
from seatclient.outbox import OrderSender, OutboxStore
from seatclient.rules import RuleBook
from seatclient.session import SeatSession
from seatclient.tasks import BackgroundTasks
from seatclient.ui.error_display import show_error_message
from seatclient.ui.event_loop import SeatEventLoop
from seatclient.ui.gc_guard import GuiThreadGarbageCollector
from seatclient.ui.order_desk import OrderDesk
from seatclient.ui.seat_controller import SeatController
from seatclient.ui.single_instance import SingleInstanceServer, ask_running_instance_to_raise, instance_name
from seatclient.ui.team_leader_window import FloorDesk
from seatclient.ui.training_menu import TrainingRoom
from seatclient.version import __version__

log = logging.getLogger(__name__)


_QT_LOG = logging.getLogger("qt")

KNOWLEDGE_SYNC_SECONDS = 300.0
"""How often the knowledge base is brought up to date while the client runs."""

KNOWLEDGE_RETRY_SECONDS = 30.0
"""How soon a failed knowledge sync is tried again."""


def _on_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # Platform plugins without a window manager (offscreen, bare Xvfb) complain about features
    # they lack; that is expected there and not worth a warning.
    if "This plugin does not support" in message:
        _QT_LOG.debug(message)
    elif kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        _QT_LOG.error(message)
    elif kind is QtMsgType.QtWarningMsg:
        _QT_LOG.warning(message)
    else:
        _QT_LOG.debug(message)


def make_qt_application(settings: Settings, argv: list[str] | None = None) -> QApplication:
    """Create the ``QApplication`` with the language and theme of ``settings``."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setApplicationName("seatclient")
    app.setApplicationDisplayName(tr("App", "12345 座席客户端"))
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)
    qInstallMessageHandler(_on_qt_message)
    install_language(settings.language)
    if settings.theme != "system":
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
        app.styleHints().setColorScheme(
            Qt.ColorScheme.Dark if settings.theme == "dark" else Qt.ColorScheme.Light
        )
    return app


def rulebook_for(settings: Settings) -> RuleBook:
    """The rule book with the hall's override folder, when one is configured."""
    return RuleBook(override_dir=Path(settings.rules_dir) if settings.rules_dir else None)


@dataclass
class SeatClient:
    """Every long-lived object of a running seat client, for shutdown and for the self-test."""

    controller: SeatController
    session: SeatSession
    client: ApiClient
    tasks: BackgroundTasks
    embedded: EmbeddedBackend | None
    knowledge: KnowledgeService | None = None
    drafts: DraftStore | None = None
    outbox_store: OutboxStore | None = None

    async def shutdown(self) -> None:
        """Save the drafts, sign out if still signed in, stop background work, close stores and the backend."""
        desk = self.controller.order_desk
        if desk is not None:
            desk.flush()
            # A lookup the debounce timer starts later would find the knowledge service closed.
            desk.push.stop()
        if self.session.sign_in_result is not None:
            try:
                await asyncio.wait_for(self.session.sign_out(), timeout=3)
            except Exception as exc:
                log.warning("sign-out at shutdown failed: %s", type(exc).__name__)
        await self.session.close()
        await self.tasks.cancel_all()
        if self.knowledge is not None:
            await self.knowledge.close()
            self.knowledge = None
        for store in (self.drafts, self.outbox_store):
            if store is not None:
                store.close()
        self.drafts = self.outbox_store = None
        await self.client.aclose()
        if self.embedded is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.embedded.stop)


async def sync_knowledge_while_signed_in(session: SeatSession, knowledge: KnowledgeService) -> None:
    """Keep the local knowledge base in step with the backend's feed while someone is signed in.

    The feed needs a session, so nothing is asked before sign-in; a failed sync is retried sooner
    than the regular interval, and what was synced stays searchable meanwhile.
    """
    while True:
        if session.sign_in_result is None or not session.link_up:
            await asyncio.sleep(1.0)
            continue
        try:
            await knowledge.sync()
        except KnowledgeSyncError:
            await asyncio.sleep(KNOWLEDGE_RETRY_SECONDS)
            continue
        await asyncio.sleep(KNOWLEDGE_SYNC_SECONDS)


async def assemble(
    settings: Settings,
    profile: Path,
    on_quit: Callable[[], None],
    report_error: Callable[[BaseException], None],
    credentials: CredentialStore | None = None,
    order_sender: OrderSender | None = None,
) -> SeatClient:
    """Build the seat client: the backend (embedded in training mode), the core and the widgets.

    Args:
        settings: the settings in force.
        profile: the profile folder (drafts, outbox, knowledge index, window layout).
        on_quit: called when the person quits.
        report_error: where errors escaping background work go.
        credentials: the password store (the system keyring by default).
        order_sender: delivers submitted orders; the backend's order API when ``None``.
    """
    embedded: EmbeddedBackend | None = None
    backend_url = settings.backend_url
    if settings.training:
        embedded = EmbeddedBackend()
        await asyncio.get_running_loop().run_in_executor(None, embedded.start)
        backend_url = embedded.url
        log.info("training mode: embedded backend on %s", backend_url)
    client = ApiClient(make_http_client(backend_url, verify=settings.ca_bundle or True))
    rulebook = rulebook_for(settings)
    session = SeatSession(client, rulebook)
    tasks = BackgroundTasks(report_error)
    # The knowledge base comes from the backend's feed in training too (the embedded backend serves the
    # demo base), so both modes take one path; the local index answers offline.
    knowledge = await KnowledgeService.open(
        profile / "knowledge", HttpKnowledgeFeed(client), session.clock.now, rulebook=rulebook
    )
    # One matcher (its automaton is the costly part) serves the form's checks and the live alert.
    compliance = load_compliance_rules(rulebook)
    drafts = DraftStore(profile / "drafts.sqlite3")
    outbox_store = OutboxStore(profile / "outbox.sqlite3")
    desk = OrderDesk(
        session=session,
        tasks=tasks,
        factory=OrderEditorFactory.load_default(
            rulebook, clock=session.clock.now, language=settings.language
        ),
        drafts=drafts,
        knowledge=knowledge,
        prompter=ScriptPrompter(compliance.scripts),
        matcher=compliance.matcher,
        policy=compliance.policy,
        catalogue=load_default_catalogue(rulebook),
        directory=load_default_units(rulebook),
        outbox_store=outbox_store,
        order_sender=order_sender if order_sender is not None else default_order_sender(client),
        shortcuts=settings.shortcuts,
        repeat_lookup=RepeatCallerLookup(ApiOrderLookup(client), load_default_lookup_rules(rulebook)),
    )
    tasks.spawn(sync_knowledge_while_signed_in(session, knowledge), key="knowledge.sync")
    controller = SeatController(
        session=session,
        credentials=credentials or CredentialStore(),
        tasks=tasks,
        profile_state_path=profile / "profile_state.json",
        window_settings=QSettings(str(profile / "window.ini"), QSettings.Format.IniFormat),
        shortcuts=settings.shortcuts,
        language=settings.language,
        training=settings.training,
        backend_url=settings.backend_url or "training",
        default_seat_id=settings.seat_id,
        on_quit=on_quit,
        order_desk=desk,
        floor_desk=FloorDesk(
            session,
            client,
            tasks,
            rulebook,
            settings.shortcuts,
            QSettings(str(profile / "window.ini"), QSettings.Format.IniFormat),
            settings.language,
        ),
        training_room=TrainingRoom(
            session,
            tasks,
            TrainingApi(client),
            compliance.matcher,
            compliance.policy,
            settings.training,
            settings.shortcuts,
        ),
    )
    return SeatClient(controller, session, client, tasks, embedded, knowledge, drafts, outbox_store)


def default_order_sender(client: ApiClient) -> OrderSender | None:
    """The backend's order API as the outbox's sender; ``None`` when this build has no such API."""
    try:
        from seatclient.api.orders import ApiOrderSender
    except ImportError:
        log.error("this build has no order API: orders can be recorded but not submitted")
        return None
    return ApiOrderSender(client)


async def run_seat_client(app: QApplication, settings: Settings, profile: Path) -> int:
    """Run the seat client until the person quits; then shut down cleanly."""
    # Quitting is the controller's decision (sign out first), never a side effect of the last
    # window closing: between the sign-in dialog and the seat window there is an instant with none.
    quit_requested = asyncio.Event()
    funnel = ErrorFunnel(show_error_message)

    def excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        funnel.report(kind, error, tb)

    def loop_exception_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if isinstance(error, BaseException):
            funnel.report(type(error), error, error.__traceback__)
        else:
            log.error("event loop: %s", context.get("message"))

    def report_task_error(error: BaseException) -> None:
        funnel.report(type(error), error, error.__traceback__)

    sys.excepthook = excepthook
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(loop_exception_handler)
    # A session logout or a service stop sends SIGTERM: sign out and close like a normal quit.
    for stop_signal in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(stop_signal, quit_requested.set)
    seat_client = await assemble(settings, profile, quit_requested.set, report_task_error)
    single = SingleInstanceServer(instance_name(str(profile)), seat_client.controller.bring_to_front)
    seat_client.controller.start()
    try:
        await quit_requested.wait()
    finally:
        single.close()
        await seat_client.shutdown()
        sys.excepthook = sys.__excepthook__
    return 0


def run(settings: Settings) -> int:
    """Start the seat client (the ``seatclient`` command); returns the exit code."""
    profile = profile_dir()
    log_file = configure_logging(profile / "logs", settings.log_level)
    log.info("seatclient %s starting; log at %s", __version__, log_file)
    app = make_qt_application(settings)
    if ask_running_instance_to_raise(instance_name(str(profile))):
        print(tr("App", "座席客户端已在运行，已切换到其窗口。"), file=sys.stderr)
        return 0
    os.environ.setdefault("QT_ACCESSIBILITY", "1")
    collector = GuiThreadGarbageCollector()
    collector.start()
    try:
        with asyncio.Runner(loop_factory=lambda: SeatEventLoop(app)) as runner:
            return runner.run(run_seat_client(app, settings, profile))
    finally:
        collector.stop()
