"""Translation of user-visible text: Simplified Chinese is the source language, English a translation.

Every user-visible string, in the core and in widgets alike, is written as
``tr("Context", "中文原文")``. ``tools/update_translations.py`` collects those calls into
``resources/translations/seatclient_en.ts``; the build compiles it to ``.qm`` with
``pyside6-lrelease``; ``install_language`` loads it. Strings with values use ``str.format``
placeholders *after* translation: ``tr("Ctx", "第 {line} 行").format(line=3)``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QTranslator

from seatclient.resources import resource_path

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("zh_CN", "en")
SOURCE_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []


def tr(context: str, text: str) -> str:
    """Translate ``text`` (Simplified Chinese) in ``context`` into the language in force."""
    return QCoreApplication.translate(context, text)


def join_list(items: Iterable[str]) -> str:
    """Join ``items`` as a list in the UI language: 甲、乙、丙 in Chinese, "a, b, c" in English."""
    return tr("List", "、").join(items)


def join_phrases(items: Iterable[str]) -> str:
    """Join parts of one spoken sentence: 甲，乙 in Chinese, "a, b" in English (screen-reader text)."""
    return tr("List", "，").join(items)


def join_clauses(items: Iterable[str]) -> str:
    """Join independent statements: 甲；乙 in Chinese, "a; b" in English."""
    return tr("List", "；").join(items)


def install_language(language: str) -> bool:
    """Load the translation for ``language`` into the running Qt application.

    Creates a ``QCoreApplication`` when none exists (command-line tools), because Qt only installs
    translators on an application. Returns ``False`` (and the UI stays Chinese) when the compiled
    ``.qm`` file is missing, which is logged rather than fatal.
    """
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    if language == SOURCE_LANGUAGE:
        return True
    if QCoreApplication.instance() is None:
        QCoreApplication([])
    qm_file = resource_path("translations", f"seatclient_{language}.qm")
    translator = QTranslator()
    if not translator.load(str(qm_file)):
        log.warning("translation %s not found; run 'make translations'", qm_file)
        return False
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    return True
