"""Ringing that is heard and seen: the ring sound, and a tray notification when the window is not in front.

PySide6-Essentials has no QtMultimedia, so the WAV in ``resources/sounds/`` is played by what the
workstation has: ``winsound`` on Windows, ``paplay`` / ``pw-play`` / ``aplay`` on Linux (started
with ``QProcess``, never blocking the loop). When none works the ring is visual only, and the
call panel says so, so nobody believes they would hear a call they cannot.
"""

from __future__ import annotations

import logging
import math
import shutil
import struct
import sys
import wave
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from seatclient.i18n import tr
from seatclient.resources import resource_path

log = logging.getLogger(__name__)

RING_SOUND = "ring.wav"
LINUX_PLAYERS = ("paplay", "pw-play", "aplay")
SAMPLE_RATE = 16000


def ring_tone_frames(sample_rate: int = SAMPLE_RATE) -> bytes:
    """Synthesise one ring: two 0.4 s bursts of a 440 + 480 Hz trill, 0.2 s apart (16-bit mono PCM).

    The 440/480 Hz pair warbled at 20 Hz is the classic telephone bell sound; a soft attack and
    release keep it from clicking. Deterministic, so the shipped file can be checked against it.
    """
    frames = bytearray()

    def burst(seconds: float) -> None:
        count = int(seconds * sample_rate)
        ramp = int(0.01 * sample_rate)
        for index in range(count):
            time = index / sample_rate
            envelope = min(1.0, index / ramp, (count - index) / ramp)
            warble = 0.5 + 0.5 * math.sin(2 * math.pi * 20 * time)
            value = (math.sin(2 * math.pi * 440 * time) + math.sin(2 * math.pi * 480 * time)) / 2
            frames.extend(struct.pack("<h", int(0.6 * 32767 * envelope * warble * value)))

    def silence(seconds: float) -> None:
        frames.extend(b"\x00\x00" * int(seconds * sample_rate))

    burst(0.4)
    silence(0.2)
    burst(0.4)
    return bytes(frames)


def write_ring_tone(path: Path) -> None:
    """Write the ring tone as a WAV file (how ``resources/sounds/ring.wav`` was made)."""
    with wave.open(str(path), "wb") as output:
        output.setnchannels(1)
        output.setsampwidth(2)
        output.setframerate(SAMPLE_RATE)
        output.writeframes(ring_tone_frames())


class SoundPlayer(QObject):
    """Plays one sound file once per ``play()``; ``failed`` says the workstation cannot play it.

    Signals:
        failed: playing does not work here (the text says why, for the log).
    """

    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    @property
    def name(self) -> str:
        """What plays the sound, for the panel's note."""
        return ""

    def play(self, path: Path) -> None:
        """Start playing ``path`` without waiting for it to finish."""

    def stop(self) -> None:
        """Stop a sound still playing."""


class WinsoundPlayer(SoundPlayer):
    """Windows' own ``winsound`` (asynchronous, no extra program)."""

    @property
    def name(self) -> str:
        """What plays the sound."""
        return "winsound"

    def play(self, path: Path) -> None:
        """Play asynchronously."""
        if sys.platform == "win32":
            import winsound

            try:
                winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
            except RuntimeError as exc:
                self.failed.emit(str(exc))

    def stop(self) -> None:
        """Stop the sound."""
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(None, 0)


class ProcessPlayer(SoundPlayer):
    """A command-line player (``paplay``, ``pw-play``, ``aplay``) run with ``QProcess``."""

    def __init__(self, program: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._program = program
        self._process = QProcess(self)
        self._process.errorOccurred.connect(self._on_error)
        self._process.finished.connect(self._on_finished)

    @property
    def name(self) -> str:
        """The program's name."""
        return Path(self._program).name

    def play(self, path: Path) -> None:
        """Start the program unless the previous ring still plays."""
        if self._process.state() is QProcess.ProcessState.NotRunning:
            self._process.start(self._program, [str(path)])

    def stop(self) -> None:
        """Stop the program."""
        if self._process.state() is not QProcess.ProcessState.NotRunning:
            self._process.kill()
            self._process.waitForFinished(500)

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            self.failed.emit(f"{self.name} failed to start")

    def _on_finished(self, exit_code: int, status: QProcess.ExitStatus) -> None:
        # A kill by ``stop`` is a crash exit; only a player's own failure (no sound server) counts.
        if status is QProcess.ExitStatus.NormalExit and exit_code != 0:
            self.failed.emit(f"{self.name} exited with {exit_code}")


def find_player(
    which: Callable[[str], str | None] = shutil.which, platform: str = sys.platform
) -> SoundPlayer | None:
    """Return the player this workstation has, or ``None`` when the ring can only be seen."""
    if platform == "win32":
        return WinsoundPlayer()
    for program in LINUX_PLAYERS:
        found = which(program)
        if found:
            return ProcessPlayer(found)
    return None


class Ringer(QObject):
    """Rings while a call is offered: the sound once per ring period, until ``stop``.

    Signals:
        availability_changed: whether the ring is heard; the text is the panel's note.
    """

    availability_changed = Signal(bool, str)

    def __init__(
        self,
        period_seconds: float,
        player: SoundPlayer | None,
        sound: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sound = sound or resource_path("sounds", RING_SOUND)
        self._player = player
        if player is not None:
            player.setParent(self)
            player.failed.connect(self._on_player_failed)
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, int(period_seconds * 1000)))
        self._timer.timeout.connect(self._ring_once)
        self.rings = 0
        if player is not None and not self._sound.is_file():
            self._on_player_failed(f"{self._sound} is missing")

    @property
    def audible(self) -> bool:
        """Whether the ring is heard (a player exists and has not failed)."""
        return self._player is not None

    @property
    def ringing(self) -> bool:
        """Whether the ringer is ringing now."""
        return self._timer.isActive()

    def note(self) -> str:
        """The call panel's line about the sound."""
        if self._player is None:
            return tr("Ringer", "本机无法播放铃声（未找到可用的播放程序），来电仅以画面和托盘提示。")
        return tr("Ringer", "铃声由 {player} 播放。").format(player=self._player.name)

    def set_period(self, period_seconds: float) -> None:
        """Follow the ring period of the rules in force."""
        self._timer.setInterval(max(1, int(period_seconds * 1000)))

    def start(self) -> None:
        """Ring now and once per period until ``stop``."""
        if self._timer.isActive():
            return
        self.rings = 0
        self._ring_once()
        self._timer.start()

    def stop(self) -> None:
        """Stop ringing."""
        self._timer.stop()
        if self._player is not None:
            self._player.stop()

    def _ring_once(self) -> None:
        self.rings += 1
        if self._player is not None:
            self._player.play(self._sound)

    def _on_player_failed(self, why: str) -> None:
        log.warning("the ring sound cannot be played: %s", why)
        if self._player is not None:
            self._player.stop()
            self._player.deleteLater()
        self._player = None
        self.availability_changed.emit(False, self.note())


class TrayNotifier(QObject):
    """Shows a tray notification for a ringing call when the seat window is not in front.

    Where the desktop has no system tray (a bare X server, offscreen) it does nothing.
    """

    def __init__(self, window: QWidget, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.setToolTip(tr("Ringer", "12345 座席客户端"))
            self._tray.messageClicked.connect(self._raise_window)
            self._tray.show()

    @property
    def available(self) -> bool:
        """Whether a tray exists to show notifications in."""
        return self._tray is not None

    def notify_ringing(self, text: str) -> bool:
        """Notify of a ringing call unless the window is active; returns whether a notification was shown."""
        if self._tray is None or self._window.isActiveWindow():
            return False
        self._tray.showMessage(tr("Ringer", "来电振铃"), text, QSystemTrayIcon.MessageIcon.Information, 10000)
        return True

    def _raise_window(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
