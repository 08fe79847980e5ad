"""The call panel with the fake phone: what rings is seen, the ring counter, controls and their signals."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QProcess
from pytestqt.qtbot import QtBot

from seatclient.api.models import ReasonCode
from seatclient.config import DEFAULT_SHORTCUTS, ConfigError, load_settings
from seatclient.seat import Answer, CancelPending, EndWrapUp, HangUp, Hold, SeatState, SetPending
from seatclient.softphone.fake import FakePhone
from seatclient.ui.call_panel import CallPanel
from seatclient.ui.ringer import ProcessPlayer, Ringer, find_player, ring_tone_frames
from seatclient.ui.shortcuts_help import action_label

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def panel(qtbot: QtBot) -> tuple[CallPanel, FakePhone, Clock]:
    clock = Clock()
    widget = CallPanel(clock, lambda: None, ring_period_seconds=5, answer_within_rings=3)
    qtbot.addWidget(widget)
    phone = FakePhone(T0)
    phone.call_changed.connect(widget.set_call)
    widget.set_reasons([ReasonCode(code="break", label_zh="小休", label_en="Break")], "zh_CN")
    widget.apply_shortcuts(DEFAULT_SHORTCUTS)
    widget.show()
    return widget, phone, clock


def test_a_ringing_call_shows_number_queue_wait_and_ivr_and_counts_rings(
    panel: tuple[CallPanel, FakePhone, Clock],
) -> None:
    widget, phone, clock = panel
    widget.set_seat(SeatState.RINGING, "", None)
    phone.offer(caller_number="13957100421", waited=timedelta(seconds=42), ivr_note="按 1：咨询 · 社保公积金")
    widget.set_available(frozenset({Answer, SetPending}))
    assert widget.banner.text() == "来电振铃 · 请接听"
    assert widget.number_label.text() == "139 5710 0421"
    assert widget.queue_label.text() == "12345 综合"
    assert widget.waited_label.text() == "00:42"
    assert widget.ivr_label.text() == "按 1：咨询 · 社保公积金"
    assert widget.ring_label.text() == "第 1 声 · 3 声内接听"
    assert widget.answer_action.isEnabled() and not widget.hang_up_action.isEnabled()
    assert widget.answer_button.text() == "接听 F5"
    clock.now = T0 + timedelta(seconds=14.9)
    widget.refresh()
    assert widget.ring_label.text() == "第 3 声 · 3 声内接听" and not widget.ring_over_target
    clock.now = T0 + timedelta(seconds=15)
    widget.refresh()
    assert widget.ring_over_target
    assert widget.ring_label.text() == "第 4 声 · 已超过 3 声，请立即接听"
    assert "#c0392b" in widget.ring_label.styleSheet()


def test_a_withheld_number_says_so(panel: tuple[CallPanel, FakePhone, Clock]) -> None:
    widget, phone, _ = panel
    phone.offer(number_withheld=True)
    assert widget.number_label.text() == "号码未显示"


@pytest.mark.asyncio
async def test_controls_follow_the_call_and_emit_intents(panel: tuple[CallPanel, FakePhone, Clock]) -> None:
    widget, phone, clock = panel
    seen: list[str] = []
    widget.answer_requested.connect(lambda: seen.append("answer"))
    widget.hold_toggle_requested.connect(lambda: seen.append("hold"))
    widget.hang_up_requested.connect(lambda: seen.append("hang_up"))
    widget.dtmf_requested.connect(lambda digits: seen.append(f"dtmf:{digits}"))
    widget.pending_away_requested.connect(lambda code: seen.append(f"pending:{code}"))
    widget.cancel_pending_requested.connect(lambda: seen.append("cancel"))
    phone.offer()
    widget.answer_action.trigger()  # not allowed yet: nothing is emitted
    widget.set_available(frozenset({Answer}))
    widget.answer_action.trigger()
    await phone.answer()
    widget.set_seat(SeatState.TALKING, "示忙（小休）", None)
    widget.set_available(frozenset({HangUp, Hold, SetPending, CancelPending}))
    assert not widget.ring_label.isVisible()
    clock.now = T0 + timedelta(seconds=75)
    widget.refresh()
    assert widget.timer_label.text() == "通话 01:15"
    assert widget.hold_action.text() == "保持" and widget.hold_action.isEnabled()
    assert widget.pending_label.text() == "已预约：通话后示忙（小休）"
    widget.hold_action.trigger()
    widget.dtmf_edit.setText("12#")
    widget.dtmf_edit.returnPressed.emit()
    next(a for a in widget.pending_menu.actions() if a.objectName() == "pendingReason_break").trigger()
    widget.cancel_pending_action.trigger()
    await phone.hold()
    widget.set_available(frozenset({HangUp}))
    assert widget.hold_action.text() == "取回" and not widget.hold_action.isEnabled()
    assert not widget.dtmf_edit.isEnabled()
    widget.hang_up_action.trigger()
    assert seen == ["answer", "hold", "dtmf:12#", "pending:break", "cancel", "hang_up"]


@pytest.mark.asyncio
async def test_wrap_up_shows_the_end_control_only_when_the_machine_allows_it(
    panel: tuple[CallPanel, FakePhone, Clock],
) -> None:
    widget, phone, _ = panel
    phone.offer()
    await phone.answer()
    await phone.hang_up()
    widget.set_seat(SeatState.WRAP_UP, "", None)
    assert widget.wrap_up.isVisible() and widget.pending_box.isVisible()
    widget.set_available(frozenset())
    assert not widget.wrap_up.end_action.isEnabled()
    widget.set_available(frozenset({EndWrapUp}))
    assert widget.wrap_up.end_action.isEnabled()
    assert widget.wrap_up.end_button.text() == "结束话后整理 F10"
    widget.set_seat(SeatState.READY, "", None)
    assert not widget.wrap_up.isVisible() and not widget.pending_box.isVisible()


def test_the_shortcut_map_has_every_call_control_without_clashes() -> None:
    calls = {
        key: value for key, value in DEFAULT_SHORTCUTS.items() if key.split(".")[0] in ("call", "wrap_up")
    }
    assert calls == {
        "call.dtmf": "F4",
        "call.answer": "F5",
        "call.hang_up": "F6",
        "call.hold": "F7",
        "call.mute": "F8",
        "call.consult": "Ctrl+T",
        "call.cancel_consult": "Shift+F5",
        "call.complete_transfer": "Shift+F6",
        "call.conference": "Shift+F7",
        "call.blind_transfer": "Ctrl+Shift+T",
        "call.emergency": "F12",
        "wrap_up.end": "F10",
        "wrap_up.extend": "F11",
    }
    assert len(set(DEFAULT_SHORTCUTS.values())) == len(DEFAULT_SHORTCUTS)
    for action_id in DEFAULT_SHORTCUTS:
        assert action_label(action_id) != action_id, action_id


def test_a_remapped_key_is_taken_and_a_clash_is_refused(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    user = folder / "user.toml"
    user.write_text('[shortcuts]\n"call.answer" = "Ctrl+F11"\n"call.hang_up" = "Ctrl+E"\n', encoding="utf-8")
    settings = load_settings(system_file=folder / "none.toml", user_file=user)
    assert settings.shortcuts["call.answer"] == "Ctrl+F11" and settings.shortcuts["call.hang_up"] == "Ctrl+E"
    assert settings.shortcuts["call.hold"] == "F7"
    user.write_text('[shortcuts]\n"call.answer" = "F6"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape("F6 同时分配给了 call.answer 和 call.hang_up")):
        load_settings(system_file=folder / "none.toml", user_file=user)


def test_the_panel_takes_remapped_keys(qtbot: QtBot) -> None:
    widget = CallPanel(lambda: T0, lambda: None)
    qtbot.addWidget(widget)
    assigned = widget.apply_shortcuts({**DEFAULT_SHORTCUTS, "call.answer": "Ctrl+Return"})
    assert widget.answer_action.shortcut().toString() == "Ctrl+Return"
    assert len(assigned) == 16


def test_without_a_player_the_ring_is_visual_only_and_says_so(qtbot: QtBot) -> None:
    assert find_player(which=lambda _: None, platform="linux") is None
    ringer = Ringer(5, None)
    assert not ringer.audible
    assert ringer.note() == "本机无法播放铃声（未找到可用的播放程序），来电仅以画面和托盘提示。"
    ringer.start()
    assert ringer.ringing and ringer.rings == 1
    ringer.stop()
    assert not ringer.ringing


def test_a_player_that_fails_turns_the_ring_visual_only(qtbot: QtBot, tmp_path: object) -> None:
    from pathlib import Path

    failing = Path(str(tmp_path)) / "player.sh"
    failing.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    failing.chmod(0o755)
    player = find_player(which=lambda name: str(failing) if name == "paplay" else None, platform="linux")
    assert isinstance(player, ProcessPlayer) and player.name == "player.sh"
    ringer = Ringer(5, player)
    assert ringer.note() == "铃声由 player.sh 播放。"
    notes: list[str] = []
    ringer.availability_changed.connect(lambda _audible, note: notes.append(note))
    ringer.start()
    qtbot.waitUntil(lambda: bool(notes), timeout=5000)
    ringer.stop()
    assert not ringer.audible and notes[0].startswith("本机无法播放铃声")
    assert QProcess  # the player ran through QProcess, never blocking the loop


def test_the_shipped_ring_sound_is_the_synthesised_tone() -> None:
    import wave

    from seatclient.resources import resource_path

    with wave.open(str(resource_path("sounds", "ring.wav")), "rb") as shipped:
        assert (shipped.getnchannels(), shipped.getsampwidth(), shipped.getframerate()) == (1, 2, 16000)
        assert shipped.readframes(shipped.getnframes()) == ring_tone_frames()
