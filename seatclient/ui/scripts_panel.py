"""The scripts panel (话术): what to say now, in large text, following the call; situational scripts by hand.

The panel shows what a ``ScriptPrompter`` says: the greeting with the job number while the call rings,
the disposition's script, the closing. A script said in steps (silent line, abusive caller) lists its
steps. Any situational script can be picked from a list. Ctrl+Shift+C copies the shown text (to paste
into a chat or an SMS); Ctrl+Shift+H asks for it to be inserted where the call-taker is typing;
Ctrl+Shift+J moves to the next step (all remappable, see ``SCRIPTS_SHORTCUTS``). None of these
collide with the seat's F-keys, Alt+1…5, the form's Ctrl+1…9 or Ctrl+Enter, the knowledge keys
(Ctrl+K, Ctrl+Shift+I) or the dispatch keys.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from seatclient.compliance.prompter import Prompt, PromptStage, ScriptPrompter
from seatclient.compliance.scripts import Language
from seatclient.i18n import join_clauses, tr

COPY_SHORTCUT = "Ctrl+Shift+C"
"""Copies the shown script to the clipboard."""

INSERT_SHORTCUT = "Ctrl+Shift+H"
"""Asks for the shown script (话术) to be inserted where the call-taker types (``insert_requested``)."""

NEXT_STEP_SHORTCUT = "Ctrl+Shift+J"
"""Moves to the next step of a script said in steps."""

SCRIPTS_SHORTCUTS: dict[str, str] = {
    "scripts.copy": COPY_SHORTCUT,
    "scripts.insert": INSERT_SHORTCUT,
    "scripts.next_step": NEXT_STEP_SHORTCUT,
}
"""The scripts actions and their default keys, for ``config.DEFAULT_SHORTCUTS``."""

PROMPT_POINT_SIZE = 15
"""The point size of the script text: read aloud from a glance while typing."""

_STAGE_COLOURS = {
    PromptStage.IDLE: "#7f8c8d",
    PromptStage.GREETING: "#2980b9",
    PromptStage.TALKING: "#2980b9",
    PromptStage.DISPOSITION: "#16a085",
    PromptStage.CLOSING: "#8e44ad",
}


def _with_key(label: str, sequence: str) -> str:
    """A button label with its key, ``复制（Ctrl+Shift+C）``; the bare label when the key is removed."""
    if not sequence:
        return label
    return tr("ScriptsPanel", "{label}（{key}）").format(label=label, key=sequence)


class ScriptsPanel(QWidget):
    """Shows the script to say now and offers the situational scripts.

    Args:
        prompter: the prompter following the call (the panel only reads it and forwards picks).
        shortcuts: action id → key, overriding ``SCRIPTS_SHORTCUTS`` ("" removes a key).
        parent: the parent widget.

    Signals:
        insert_requested: (text) the call-taker asked to insert the shown script elsewhere.
        copied: (text) the shown script was put on the clipboard.
    """

    insert_requested = Signal(str)
    copied = Signal(str)

    def __init__(
        self,
        prompter: ScriptPrompter,
        shortcuts: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        keys = {**SCRIPTS_SHORTCUTS, **(shortcuts or {})}
        self.setObjectName("scriptsPanel")
        self.setAccessibleName(tr("ScriptsPanel", "话术"))
        self._prompter = prompter
        self._showing: Prompt | None = None

        self.title_label = QLabel()
        self.title_label.setObjectName("scriptTitleLabel")
        self.title_label.setAccessibleIdentifier("scriptTitleLabel")
        self.title_label.setAccessibleDescription(tr("ScriptsPanel", "话术类别"))
        self.title_label.setWordWrap(True)

        self.prompt_label = QLabel()
        self.prompt_label.setObjectName("scriptPromptLabel")
        self.prompt_label.setAccessibleIdentifier("scriptPromptText")
        self.prompt_label.setAccessibleDescription(tr("ScriptsPanel", "当前话术"))
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.prompt_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.prompt_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        font = QFont(self.prompt_label.font())
        font.setPointSize(PROMPT_POINT_SIZE)
        self.prompt_label.setFont(font)
        # Room for three lines, so the panel does not jump as scripts of different lengths come and go.
        self.prompt_label.setMinimumHeight(QFontMetrics(font).lineSpacing() * 3 + 22)
        self.prompt_label.setStyleSheet(
            "QLabel { background: #f4f8fb; border: 1px solid #d6e4f0; border-radius: 4px; padding: 10px; }"
        )

        self.problems_label = QLabel()
        self.problems_label.setObjectName("scriptProblemsLabel")
        self.problems_label.setAccessibleIdentifier("scriptProblemsLabel")
        self.problems_label.setAccessibleDescription(tr("ScriptsPanel", "话术中缺少的信息"))
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("QLabel { color: #c0392b; }")

        self.note_label = QLabel()
        self.note_label.setObjectName("scriptNoteLabel")
        self.note_label.setAccessibleIdentifier("scriptNoteLabel")
        self.note_label.setAccessibleDescription(tr("ScriptsPanel", "使用提示（不对来电人说）"))
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("QLabel { color: #7f8c8d; }")

        self.steps_list = QListWidget()
        self.steps_list.setObjectName("scriptStepsList")
        self.steps_list.setAccessibleName(tr("ScriptsPanel", "话术步骤"))
        self.steps_list.setWordWrap(True)
        self.steps_list.setMaximumHeight(120)
        self.steps_list.currentRowChanged.connect(self._step_chosen)

        self.copy_button = QPushButton(_with_key(tr("ScriptsPanel", "复制"), keys["scripts.copy"]))
        self.copy_button.setObjectName("copyScriptButton")
        self.copy_button.setAccessibleName(tr("ScriptsPanel", "复制话术"))
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.insert_button = QPushButton(_with_key(tr("ScriptsPanel", "插入"), keys["scripts.insert"]))
        self.insert_button.setObjectName("insertScriptButton")
        self.insert_button.setAccessibleName(tr("ScriptsPanel", "插入话术"))
        self.insert_button.clicked.connect(self.request_insert)
        self.back_button = QPushButton(tr("ScriptsPanel", "返回当前环节"))
        self.back_button.setObjectName("backToPhaseButton")
        self.back_button.setAccessibleName(tr("ScriptsPanel", "返回当前通话环节的话术"))
        self.back_button.clicked.connect(prompter.dismiss_situation)

        self.situation_label = QLabel(tr("ScriptsPanel", "情境话术："))
        self.situation_combo = QComboBox()
        self.situation_combo.setObjectName("situationCombo")
        self.situation_combo.setAccessibleName(tr("ScriptsPanel", "情境话术"))
        self.situation_label.setBuddy(self.situation_combo)
        self.situation_combo.addItem(tr("ScriptsPanel", "（选择后显示）"))
        self._picks = prompter.picks()
        for pick in self._picks:
            self.situation_combo.addItem(pick.label)
        self.situation_combo.activated.connect(self._pick_chosen)

        self.language_label = QLabel(tr("ScriptsPanel", "话术语言："))
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("scriptLanguageCombo")
        self.language_combo.setAccessibleName(tr("ScriptsPanel", "话术语言"))
        self.language_label.setBuddy(self.language_combo)
        self.language_combo.addItem(tr("ScriptsPanel", "中文"), Language.ZH.value)
        self.language_combo.addItem(tr("ScriptsPanel", "英文"), Language.EN.value)
        self.language_combo.activated.connect(self._language_chosen)

        actions = QHBoxLayout()
        actions.addWidget(self.copy_button)
        actions.addWidget(self.insert_button)
        actions.addStretch(1)
        actions.addWidget(self.back_button)

        pickers = QHBoxLayout()
        pickers.addWidget(self.situation_label)
        pickers.addWidget(self.situation_combo, 1)
        pickers.addSpacing(8)
        pickers.addWidget(self.language_label)
        pickers.addWidget(self.language_combo)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.steps_list)
        layout.addLayout(actions)
        layout.addStretch(1)
        layout.addWidget(line)
        layout.addLayout(pickers)

        self._shortcuts: list[QShortcut] = []
        for sequence, slot in (
            (keys["scripts.copy"], self.copy_to_clipboard),
            (keys["scripts.insert"], self.request_insert),
            (keys["scripts.next_step"], prompter.next_step),
        ):
            if not sequence:
                continue
            shortcut = QShortcut(QKeySequence(sequence), self)
            # The call-taker is usually typing in the form when they need the script: any focus in
            # the window will do.
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

        def follow(prompt: Prompt) -> None:
            self._show_prompt(prompt)

        prompter.prompt_changed.connect(follow)
        # The prompter outlives the panel; a deleted panel must not be called back.
        self.destroyed.connect(lambda *_: prompter.prompt_changed.disconnect(follow))
        self._show_prompt(prompter.prompt)

    # -- what is shown -----------------------------------------------------------------------------

    @property
    def prompter(self) -> ScriptPrompter:
        """The prompter the panel follows."""
        return self._prompter

    def shown_text(self) -> str:
        """The script text shown now ("" when there is nothing to say)."""
        return self._showing.text if self._showing is not None else ""

    def step_texts(self) -> list[str]:
        """The rows of the step list (empty when the script has one step)."""
        return [self.steps_list.item(row).text() for row in range(self.steps_list.count())]

    def _show_prompt(self, prompt: Prompt) -> None:
        self._showing = prompt
        colour = _STAGE_COLOURS[prompt.stage]
        title = prompt.title
        if prompt.situational:
            title = tr("ScriptsPanel", "{title}（情境话术）").format(title=title)
        self.title_label.setText(title)
        self.title_label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")
        if prompt.current is None:
            hint = (
                tr("ScriptsPanel", "接通来电后在此显示问候语。")
                if prompt.stage is PromptStage.IDLE
                else tr("ScriptsPanel", "此环节没有固定话术；需要时从下方选择情境话术。")
            )
            self.prompt_label.setText(hint)
            self.prompt_label.setEnabled(False)
        else:
            self.prompt_label.setText(prompt.text)
            self.prompt_label.setEnabled(True)
        self.problems_label.setText(join_clauses(prompt.problems))
        self.problems_label.setVisible(bool(prompt.problems))
        note = prompt.current.note if prompt.current is not None else ""
        self.note_label.setText(tr("ScriptsPanel", "提示：{note}").format(note=note) if note else "")
        self.note_label.setVisible(bool(note))
        self._fill_steps(prompt)
        has_text = prompt.current is not None
        self.copy_button.setEnabled(has_text)
        self.insert_button.setEnabled(has_text)
        self.back_button.setVisible(prompt.situational)
        index = self.language_combo.findData(prompt.language.value)
        if index >= 0:
            self.language_combo.setCurrentIndex(index)
        if not prompt.situational:
            self.situation_combo.setCurrentIndex(0)

    def _fill_steps(self, prompt: Prompt) -> None:
        self.steps_list.blockSignals(True)
        try:
            self.steps_list.clear()
            if len(prompt.steps) > 1:
                for step in prompt.steps:
                    item = QListWidgetItem(
                        tr("ScriptsPanel", "第 {number} 步：{text}").format(number=step.step, text=step.text)
                    )
                    self.steps_list.addItem(item)
                self.steps_list.setCurrentRow(prompt.current_step)
        finally:
            self.steps_list.blockSignals(False)
        self.steps_list.setVisible(len(prompt.steps) > 1)

    # -- actions -----------------------------------------------------------------------------------

    def copy_to_clipboard(self) -> str:
        """Put the shown script on the clipboard; returns the text copied ("" when none)."""
        text = self.shown_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.copied.emit(text)
        return text

    def request_insert(self) -> str:
        """Ask for the shown script to be inserted elsewhere; returns the text ("" when none)."""
        text = self.shown_text()
        if text:
            self.insert_requested.emit(text)
        return text

    def _step_chosen(self, row: int) -> None:
        if row >= 0:
            self._prompter.set_step(row)

    def _pick_chosen(self, index: int) -> None:
        if index <= 0:
            return
        self._prompter.pick(self._picks[index - 1])

    def _language_chosen(self, index: int) -> None:
        self._prompter.set_language(Language(self.language_combo.itemData(index)))
