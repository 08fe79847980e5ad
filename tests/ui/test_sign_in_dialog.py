"""The sign-in dialog on its own: local checks, inline errors, busy state, accessibility."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLineEdit
from pytestqt.qtbot import QtBot

from seatclient.ui.sign_in_dialog import SignInDialog
from seatclient.version import __version__


def make_dialog(qtbot: QtBot, training: bool = True) -> SignInDialog:
    dialog = SignInDialog(training=training, backend_label="内置培训后台")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_empty_job_number_is_refused_inline_and_nothing_is_sent(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    sent: list[tuple[object, ...]] = []
    dialog.sign_in_requested.connect(lambda *args: sent.append(args))
    dialog.sign_in_button.click()
    assert sent == []
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "请输入工号。"
    assert dialog.focusWidget() is dialog.job_number_edit


def test_each_required_field_is_named(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.job_number_edit.setText("1001")
    dialog.sign_in_button.click()
    assert dialog.error_label.text() == "请输入密码。"
    dialog.password_edit.setText("pw")
    dialog.sign_in_button.click()
    assert dialog.error_label.text() == "请输入座席号。"
    assert dialog.focusWidget() is dialog.seat_edit


def test_complete_input_is_forwarded_trimmed(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.job_number_edit.setText(" 1001 ")
    dialog.password_edit.setText("demo1234")
    dialog.seat_edit.setText("A01 ")
    dialog.remember_check.setChecked(True)
    with qtbot.waitSignal(dialog.sign_in_requested, timeout=1000) as signal:
        dialog.sign_in_button.click()
    assert signal.args == ["1001", "demo1234", "A01", True]


def test_error_shows_inline_focuses_the_field_and_clears_when_typing(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.password_edit.setText("wrong")
    dialog.show_error("工号或密码错误，请重新输入。", dialog.password_edit)
    assert dialog.error_label.isVisible()
    assert dialog.focusWidget() is dialog.password_edit
    assert dialog.password_edit.selectedText() == "wrong"
    qtbot.keyClicks(dialog.password_edit, "x")
    assert not dialog.error_label.isVisible()


def test_busy_disables_input_but_not_quit(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.set_busy(True)
    assert not dialog.job_number_edit.isEnabled()
    assert not dialog.sign_in_button.isEnabled()
    assert dialog.quit_button.isEnabled()
    assert dialog.busy_bar.isVisible()
    dialog.set_busy(False)
    assert dialog.sign_in_button.isEnabled()
    assert not dialog.busy_bar.isVisible()


def test_remember_is_greyed_out_without_a_secure_keyring(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.remember_check.setChecked(True)
    dialog.set_remember_available(False)
    assert not dialog.remember_check.isEnabled()
    assert not dialog.remember_check.isChecked()
    assert "钥匙串" in dialog.remember_check.toolTip()


def test_training_marker_and_version_are_shown(qtbot: QtBot) -> None:
    assert make_dialog(qtbot, training=True).training_label.isVisible()
    production = make_dialog(qtbot, training=False)
    assert not production.training_label.isVisible()
    assert __version__ in production.findChild(type(production.error_label), "versionLabel").text()


def test_every_control_has_an_accessible_name(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    controls = (
        dialog.findChildren(QLineEdit) + dialog.findChildren(QCheckBox) + dialog.findChildren(QAbstractButton)
    )
    assert controls
    for control in controls:
        assert control.accessibleName(), control.objectName()
