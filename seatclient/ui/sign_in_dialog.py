"""The sign-in dialog: job number, password, seat; errors shown inline, never a freeze."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from seatclient.i18n import tr
from seatclient.version import __version__


class SignInDialog(QDialog):
    """Asks for the job number (工号), password and seat, and forwards the request.

    The dialog only collects input and shows outcomes; the controller signs in. While a request is
    under way the inputs are disabled but the window keeps repainting and can be moved.

    Signals:
        sign_in_requested: (job_number, password, seat_id, remember) after the local checks pass.
        job_number_entered: a job number was typed, so a remembered password can be offered.
    """

    sign_in_requested = Signal(str, str, str, bool)
    job_number_entered = Signal(str)

    def __init__(self, training: bool, backend_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(tr("SignInDialog", "签入 - 12345 座席客户端"))
        self.setMinimumWidth(420)

        self.training_label = QLabel(
            tr("SignInDialog", "培训模式 TRAINING：使用内置培训后台，数据不会进入正式系统")
        )
        self.training_label.setObjectName("trainingMarker")
        self.training_label.setWordWrap(True)
        self.training_label.setStyleSheet(
            "QLabel { background: #e67e22; color: white; font-weight: bold; padding: 6px; border-radius: 3px; }"
        )
        self.training_label.setVisible(training)

        self.job_number_edit = QLineEdit()
        self.job_number_edit.setObjectName("jobNumber")
        self.job_number_edit.setMaxLength(16)
        self.job_number_edit.setPlaceholderText(tr("SignInDialog", "例如 1001"))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(128)
        self.seat_edit = QLineEdit()
        self.seat_edit.setObjectName("seatId")
        self.seat_edit.setMaxLength(32)
        self.seat_edit.setPlaceholderText(tr("SignInDialog", "例如 A01"))
        self.remember_check = QCheckBox(tr("SignInDialog", "在本工位记住密码（保存在系统钥匙串中）"))
        self.remember_check.setObjectName("rememberPassword")

        self.error_label = QLabel()
        self.error_label.setObjectName("signInError")
        self.error_label.setAccessibleName(tr("SignInDialog", "签入错误提示"))
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("QLabel { color: #c0392b; }")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("signInBusy")
        self.busy_bar.setAccessibleName(tr("SignInDialog", "正在签入"))
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(6)
        self.busy_bar.hide()

        self.sign_in_button = QPushButton(tr("SignInDialog", "签入(&S)"))
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        self.quit_button = QPushButton(tr("SignInDialog", "退出(&Q)"))
        self.quit_button.setObjectName("quitButton")
        buttons = QDialogButtonBox()
        buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)

        form = QFormLayout()
        self._labels: dict[QWidget, QLabel] = {}
        for text, edit in (
            (tr("SignInDialog", "工号(&J)"), self.job_number_edit),
            (tr("SignInDialog", "密码(&P)"), self.password_edit),
            (tr("SignInDialog", "座席号(&T)"), self.seat_edit),
        ):
            label = QLabel(text)
            label.setBuddy(edit)
            edit.setAccessibleName(text.split("(")[0])
            form.addRow(label, edit)
            self._labels[edit] = label
        self.remember_check.setAccessibleName(tr("SignInDialog", "记住密码"))
        self.sign_in_button.setAccessibleName(tr("SignInDialog", "签入"))
        self.quit_button.setAccessibleName(tr("SignInDialog", "退出"))

        footer = QLabel(
            tr("SignInDialog", "版本 {version} · {backend}").format(
                version=__version__, backend=backend_label
            )
        )
        footer.setObjectName("versionLabel")
        footer.setAccessibleName(tr("SignInDialog", "版本"))
        footer.setStyleSheet("QLabel { color: #7f8c8d; }")

        layout = QVBoxLayout(self)
        layout.addWidget(self.training_label)
        layout.addLayout(form)
        layout.addWidget(self.remember_check)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy_bar)
        layout.addWidget(buttons)
        layout.addWidget(footer)

        self.setTabOrder(self.job_number_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.seat_edit)
        self.setTabOrder(self.seat_edit, self.remember_check)
        self.setTabOrder(self.remember_check, self.sign_in_button)

        self.sign_in_button.clicked.connect(self._on_sign_in_clicked)
        self.quit_button.clicked.connect(self.reject)
        self.job_number_edit.editingFinished.connect(
            lambda: self.job_number_entered.emit(self.job_number_edit.text().strip())
        )
        for edit in (self.job_number_edit, self.password_edit, self.seat_edit):
            edit.textEdited.connect(self._clear_error)

    def prefill(self, job_number: str, seat_id: str, password: str | None = None) -> None:
        """Fill what the workstation remembers; focus the first empty field."""
        self.job_number_edit.setText(job_number)
        self.seat_edit.setText(seat_id)
        if password is not None:
            self.offer_password(password)
        for edit in (self.job_number_edit, self.password_edit, self.seat_edit):
            if not edit.text():
                edit.setFocus()
                return
        self.sign_in_button.setFocus()

    def offer_password(self, password: str) -> None:
        """Fill a remembered password (and tick "remember", since it was remembered before)."""
        self.password_edit.setText(password)
        self.remember_check.setChecked(True)

    def set_remember_available(self, available: bool) -> None:
        """Grey out "remember" when no secure keyring exists on this workstation."""
        self.remember_check.setEnabled(available)
        if not available:
            self.remember_check.setChecked(False)
            self.remember_check.setToolTip(tr("SignInDialog", "本机没有可用的系统钥匙串，无法安全保存密码。"))

    def _clear_error(self) -> None:
        self.error_label.hide()

    def _on_sign_in_clicked(self) -> None:
        job_number = self.job_number_edit.text().strip()
        password = self.password_edit.text()
        seat_id = self.seat_edit.text().strip()
        for value, edit, message in (
            (job_number, self.job_number_edit, tr("SignInDialog", "请输入工号。")),
            (password, self.password_edit, tr("SignInDialog", "请输入密码。")),
            (seat_id, self.seat_edit, tr("SignInDialog", "请输入座席号。")),
        ):
            if not value:
                self.show_error(message, edit)
                return
        self.sign_in_requested.emit(job_number, password, seat_id, self.remember_check.isChecked())

    def show_error(self, message: str, field: QWidget | None = None) -> None:
        """Show a problem under the fields and put the cursor where it can be fixed."""
        self.set_busy(False)
        self.error_label.setText(message)
        self.error_label.show()
        target = field or self.password_edit
        target.setFocus()
        if isinstance(target, QLineEdit):
            target.selectAll()

    def focus_password(self) -> None:
        """Select the password for retyping (after a wrong password)."""
        self.password_edit.setFocus()
        self.password_edit.selectAll()

    def set_busy(self, busy: bool) -> None:
        """Disable input while a sign-in is under way; the dialog keeps painting."""
        for widget in (
            self.job_number_edit,
            self.password_edit,
            self.seat_edit,
            self.remember_check,
            self.sign_in_button,
        ):
            widget.setEnabled(not busy)
        self.busy_bar.setVisible(busy)
        if busy:
            self.error_label.hide()
