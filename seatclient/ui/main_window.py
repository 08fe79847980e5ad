"""The seat window: it only assembles the regions; each region is its own widget."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from seatclient.api.events import ConnectionState
from seatclient.i18n import tr
from seatclient.ui.regions import RegionPlaceholder
from seatclient.ui.shortcuts_help import ShortcutsHelp
from seatclient.ui.state_bar import SeatStateBar
from seatclient.version import __version__

CALL_COLUMN_WIDTH = 310
"""The first-run width of the call column (left), in pixels."""

SIDE_COLUMN_WIDTH = 440
"""The first-run width of the scripts, knowledge and dispatch column (right), in pixels."""


def connection_text(state: ConnectionState) -> tuple[str, str]:
    """The status bar's words and colour for a connection state."""
    texts = {
        ConnectionState.CONNECTING: (tr("Connection", "正在连接后台…"), "#7f8c8d"),
        ConnectionState.CONNECTED: (tr("Connection", "已连接"), "#27ae60"),
        ConnectionState.RECONNECTING: (tr("Connection", "连接中断，正在重连…"), "#e67e22"),
        ConnectionState.OFFLINE: (tr("Connection", "离线：无法连接后台，仍在重试"), "#c0392b"),
        ConnectionState.CLOSED: (tr("Connection", "未连接"), "#7f8c8d"),
    }
    return texts[state]


FRONT_REGIONS = ("scripts", "knowledge")
"""The regions in front of their shared places by default (the greeting, then the knowledge base)."""


class MainWindow(QMainWindow):
    """Assembles the seat window: the training banner, the state bar, the regions, the status bar.

    Every region is a dock that can be floated onto a second screen ("one machine, two screens").
    The regions are passed in ready-built (the controller owns what they show); a region not passed
    shows a placeholder that says what will be there.

    Signals:
        close_requested: the person closed the window (the controller signs out and quits).
    """

    close_requested = Signal()

    def __init__(
        self,
        state_bar: SeatStateBar,
        shortcuts: Mapping[str, str],
        training: bool,
        backend_label: str,
        settings: QSettings,
        parent: QWidget | None = None,
        call_panel: QWidget | None = None,
        *,
        form_region: QWidget | None = None,
        focus_form: Callable[[], None] | None = None,
        scripts_panel: QWidget | None = None,
        knowledge_panel: QWidget | None = None,
        dispatch_panel: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._settings = settings
        self._shortcuts = dict(shortcuts)
        self._allow_close = False
        title = tr("MainWindow", "12345 座席客户端")
        self.setWindowTitle(tr("MainWindow", "【培训模式】") + title if training else title)
        self.setDockNestingEnabled(True)
        self.state_bar = state_bar

        self.training_banner = QLabel(
            tr("MainWindow", "培训模式 TRAINING · 使用内置培训后台，所有来电和工单均为模拟，不会进入正式系统")
        )
        self.training_banner.setObjectName("trainingBanner")
        self.training_banner.setAccessibleName(tr("MainWindow", "培训模式"))
        self.training_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_banner.setStyleSheet(
            "QLabel { background: #e67e22; color: white; font-weight: bold; padding: 4px; }"
        )
        self.training_banner.setVisible(training)

        self._focus_form = focus_form
        self.form_region: QWidget = form_region or RegionPlaceholder(
            "formRegion",
            tr("MainWindow", "工单"),
            tr("MainWindow", "接通来电后在此记录工单：来电人、诉求类型、是否保密、事由和诉求。"),
        )
        # Toolbars span the whole window above the docks, so the training marker and the seat state
        # stay in view however the regions are arranged.
        self._fixed_toolbar("trainingBar", self.training_banner).setVisible(training)
        self._fixed_toolbar("seatStateToolBar", state_bar)
        self.setCentralWidget(self.form_region)

        self.call_region: QWidget = call_panel or RegionPlaceholder(
            "callRegion", tr("MainWindow", "通话"), tr("MainWindow", "当前没有通话。示闲后，来电将在此振铃。")
        )
        self.scripts_region: QWidget = scripts_panel or RegionPlaceholder(
            "scriptsRegion",
            tr("MainWindow", "话术"),
            tr("MainWindow", "振铃时在此提示带工号的开场白，结束时提示结束语。"),
        )
        self.knowledge_region: QWidget = knowledge_panel or RegionPlaceholder(
            "knowledgeRegion",
            tr("MainWindow", "知识库"),
            tr("MainWindow", "在此检索政策、办事指南和业务口径。"),
        )
        self.dispatch_region: QWidget = dispatch_panel or RegionPlaceholder(
            "dispatchRegion",
            tr("MainWindow", "派单"),
            tr("MainWindow", "在此按诉求分类和属地选择承办单位，并选择处理方式。"),
        )
        self.docks: dict[str, QDockWidget] = {}
        # Regions added by add_region: their default area and the region they share a place with.
        self._region_areas: dict[str, Qt.DockWidgetArea] = {}
        self._region_tabs: dict[str, str | None] = {}
        # The call column grows with the transfer and after-call controls; on a short screen it
        # scrolls instead of pushing the window (and its status bar) past the bottom edge.
        call_scroller = QScrollArea()
        call_scroller.setObjectName("callRegionScroller")
        call_scroller.setWidgetResizable(True)
        call_scroller.setFrameShape(QFrame.Shape.NoFrame)
        call_scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        call_scroller.setWidget(self.call_region)
        self._add_dock("call", tr("MainWindow", "通话"), call_scroller, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._add_dock(
            "scripts", tr("MainWindow", "话术"), self.scripts_region, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self._add_dock(
            "knowledge",
            tr("MainWindow", "知识库"),
            self.knowledge_region,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self._add_dock(
            "dispatch", tr("MainWindow", "派单"), self.dispatch_region, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self._arrange_right_column()

        self.connection_label = QLabel()
        self.connection_label.setObjectName("connectionStatus")
        self.connection_label.setAccessibleDescription(tr("MainWindow", "后台连接状态"))
        backend = QLabel(backend_label)
        backend.setObjectName("backendLabel")
        backend.setAccessibleName(tr("MainWindow", "后台地址"))
        version = QLabel(tr("MainWindow", "版本 {version}").format(version=__version__))
        version.setObjectName("statusVersion")
        self.statusBar().addWidget(self.connection_label)
        self.statusBar().addPermanentWidget(backend)
        self.statusBar().addPermanentWidget(version)
        self.set_connection(ConnectionState.CONNECTING)

        self._build_menus()
        self.resize(1280, 800)
        geometry = settings.value("mainWindow/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        layout_state = settings.value("mainWindow/state")
        self._layout_restored = isinstance(layout_state, QByteArray) and self.restoreState(layout_state)
        # Without a layout of the person's own, the columns get their widths once the window is laid out.
        self._first_layout = not self._layout_restored

    def _fixed_toolbar(self, name: str, widget: QWidget) -> QToolBar:
        toolbar = QToolBar(self)
        toolbar.setObjectName(name)
        toolbar.setAccessibleName(widget.accessibleName() or name)
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.toggleViewAction().setEnabled(False)
        toolbar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        toolbar.addWidget(widget)
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        return toolbar

    def showEvent(self, event: QShowEvent) -> None:
        """On the first show without a saved layout, give the form the width and the sides what they need."""
        super().showEvent(event)
        if self._first_layout:
            self._first_layout = False
            self.resizeDocks(
                [self.docks["call"], self.docks["scripts"]],
                [CALL_COLUMN_WIDTH, SIDE_COLUMN_WIDTH],
                Qt.Orientation.Horizontal,
            )

    def _arrange_right_column(self) -> None:
        # Knowledge and dispatch share a place under the scripts: both are looked at while recording
        # the order, one after the other, and each needs the column's full height to be readable.
        self.tabifyDockWidget(self.docks["knowledge"], self.docks["dispatch"])
        self.docks["knowledge"].raise_()

    def _add_dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea | None) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")
        dock.setAccessibleName(title)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        if area is not None:
            self.addDockWidget(area, dock)
        self.docks[key] = dock

    def _shortcut_action(self, text: str, action_id: str, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        sequence = self._shortcuts.get(action_id)
        if sequence:
            action.setShortcut(QKeySequence(sequence))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        return action

    def _build_menus(self) -> None:
        seat_menu = self.menuBar().addMenu(tr("MainWindow", "座席(&S)"))
        bar = self.state_bar
        for action, action_id in (
            (bar.ready_action, "seat.ready"),
            (bar.away_action, "seat.away"),
            (bar.sign_out_action, "seat.sign_out"),
        ):
            sequence = self._shortcuts.get(action_id)
            if sequence:
                action.setShortcut(QKeySequence(sequence))
                action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            seat_menu.addAction(action)
        # The away action opens a menu of reasons; its shortcut pops that menu at the button.
        bar.away_action.triggered.connect(self._pop_away_menu)

        view_menu = self.menuBar().addMenu(tr("MainWindow", "视图(&V)"))
        form_action = self._shortcut_action(tr("MainWindow", "工单"), "panel.form", "actionFocusForm")
        form_action.triggered.connect(self.focus_form)
        view_menu.addAction(form_action)
        self.view_menu = view_menu
        for key, action_id in (
            ("call", "panel.call"),
            ("scripts", "panel.scripts"),
            ("knowledge", "panel.knowledge"),
            ("dispatch", "panel.dispatch"),
        ):
            self._add_region_actions(key, action_id)
        reset = QAction(tr("MainWindow", "恢复默认布局"), self)
        reset.setObjectName("actionResetLayout")
        reset.triggered.connect(self.reset_layout)
        self._reset_layout_action = reset
        view_menu.addSeparator()
        view_menu.addAction(reset)

        help_menu = self.menuBar().addMenu(tr("MainWindow", "帮助(&H)"))
        shortcuts_action = self._shortcut_action(
            tr("MainWindow", "快捷键一览"), "help.shortcuts", "actionShortcuts"
        )
        shortcuts_action.triggered.connect(self.show_shortcuts)
        about_action = self._shortcut_action(tr("MainWindow", "关于"), "app.about", "actionAbout")
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(shortcuts_action)
        help_menu.addAction(about_action)
        self.shortcuts_help = ShortcutsHelp(self._shortcuts, self)

    def _add_region_actions(self, key: str, action_id: str | None) -> None:
        dock = self.docks[key]
        toggle = dock.toggleViewAction()
        toggle.setObjectName(f"actionToggle_{key}")
        # Showing a region brings it to the front of the docks it shares a place with.
        toggle.triggered.connect(lambda checked, shown=dock: shown.raise_() if checked else None)
        reset = getattr(self, "_reset_layout_action", None)
        if reset is None:
            self.view_menu.addAction(toggle)
        else:
            # Regions added later go above the separator and "reset layout".
            actions = self.view_menu.actions()
            self.view_menu.insertAction(actions[actions.index(reset) - 1], toggle)
        if action_id is None:
            return
        # The key brings a region behind another's tab to the front instead of hiding it.
        key_action = self._shortcut_action(dock.windowTitle(), action_id, f"actionPanel_{key}")
        key_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        key_action.triggered.connect(lambda _checked=False, region=key: self.toggle_region(region))
        self.addAction(key_action)

    def add_region(
        self,
        key: str,
        title: str,
        widget: QWidget,
        area: Qt.DockWidgetArea,
        action_id: str | None = None,
        *,
        tab_with: str | None = None,
        visible: bool = True,
    ) -> QDockWidget:
        """Add a region after the window is built: a dock with a View menu entry and, optionally, a key.

        Args:
            key: the region's name (``dock_<key>`` is its object name, kept in the saved layout).
            title: the dock's title, also its accessible name.
            widget: what the region shows.
            area: where it docks by default (and after "reset layout").
            action_id: the shortcut id that shows or brings it forward, when it has one.
            tab_with: the region whose place it shares as a tab by default.
            visible: whether it is shown by default.
        """
        self._add_dock(key, title, widget, None)
        dock = self.docks[key]
        self._region_areas[key] = area
        self._region_tabs[key] = tab_with
        # A saved layout that knows the region puts it back where the person left it.
        if not (self._layout_restored and self.restoreDockWidget(dock)):
            self.addDockWidget(area, dock)
            self._place_added_region(key)
            dock.setVisible(visible)
        self._add_region_actions(key, action_id)
        return dock

    def _place_added_region(self, key: str) -> None:
        tab_with = self._region_tabs.get(key)
        if tab_with is not None and tab_with in self.docks:
            self.tabifyDockWidget(self.docks[tab_with], self.docks[key])
            # A tab added later goes behind: the scripts and the knowledge base stay what shows first.
            for front in FRONT_REGIONS:
                self.docks[front].raise_()

    def add_status_widget(self, widget: QWidget, permanent: bool = False) -> None:
        """Show ``widget`` in the status bar (on the right when ``permanent``)."""
        if permanent:
            self.statusBar().addPermanentWidget(widget)
        else:
            self.statusBar().addWidget(widget)

    def _pop_away_menu(self) -> None:
        if self.state_bar.away_action.isEnabled():
            button = self.state_bar.away_button
            self.state_bar.away_menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    def mark_training(self, text: str) -> None:
        """Mark the window as training after the fact: the backend said it is a training backend (a lab).

        Args:
            text: what the orange bar says.
        """
        self.training_banner.setText(text)
        self.training_banner.setVisible(True)
        toolbar = self.findChild(QToolBar, "trainingBar")
        if toolbar is not None:
            toolbar.setVisible(True)
        prefix = tr("MainWindow", "【培训模式】")
        if not self.windowTitle().startswith(prefix):
            self.setWindowTitle(prefix + self.windowTitle())

    def set_connection(self, state: ConnectionState) -> None:
        """Show the backend connection state in the status bar."""
        text, colour = connection_text(state)
        self.connection_label.setText(f"● {text}")
        self.connection_label.setAccessibleName(text)
        self.connection_label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")

    def reset_layout(self) -> None:
        """Dock every region back into the window."""
        for key, dock in self.docks.items():
            dock.setFloating(False)
            area = self._region_areas.get(key)
            if area is None:
                area = (
                    Qt.DockWidgetArea.LeftDockWidgetArea
                    if key == "call"
                    else Qt.DockWidgetArea.RightDockWidgetArea
                )
                dock.show()
            self.addDockWidget(area, dock)
        self._arrange_right_column()
        for key in self._region_areas:
            self._place_added_region(key)

    def toggle_region(self, key: str) -> None:
        """Show region ``key`` in front of the docks it shares a place with; hide it when it already is."""
        dock = self.docks[key]
        behind = dock.isVisible() and not dock.isFloating() and dock.visibleRegion().isEmpty()
        if dock.isHidden() or behind:
            dock.show()
            dock.raise_()
        else:
            dock.hide()

    def focus_form(self) -> None:
        """Put the cursor in the order form (where it was last, when the form can say)."""
        if self._focus_form is not None:
            self._focus_form()
        else:
            self.form_region.setFocus()

    def show_shortcuts(self) -> None:
        """Show the shortcuts overlay."""
        self.shortcuts_help.open()

    def show_about(self) -> None:
        """Show the About box (non-blocking)."""
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(tr("MainWindow", "关于 12345 座席客户端"))
        box.setText(
            tr("MainWindow", "12345 政务服务便民热线座席客户端\n版本 {version}").format(version=__version__)
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def save_layout(self) -> None:
        """Remember the window's geometry and where the regions are."""
        self._settings.setValue("mainWindow/geometry", self.saveGeometry())
        self._settings.setValue("mainWindow/state", self.saveState())
        self._settings.sync()

    def allow_close(self) -> None:
        """Let the next close go through (after the controller has signed out)."""
        self._allow_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing means signing out first; the controller decides and then closes for real."""
        self.save_layout()
        if self._allow_close:
            event.accept()
            return
        event.ignore()
        self.close_requested.emit()
