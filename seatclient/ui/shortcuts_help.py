"""The shortcuts overlay (F1): every action and its key, as configured."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from seatclient.i18n import tr
from seatclient.ui.dispatch_panel import DEFAULT_DISPATCH_SHORTCUTS, shortcut_action_label


def action_label(action_id: str) -> str:
    """The name of a shortcut action as the person knows it."""
    labels = {
        "seat.ready": tr("Shortcuts", "示闲"),
        "seat.away": tr("Shortcuts", "示忙（选择原因）"),
        "seat.sign_out": tr("Shortcuts", "签出"),
        "help.shortcuts": tr("Shortcuts", "快捷键一览"),
        "panel.call": tr("Shortcuts", "显示/隐藏通话区"),
        "panel.form": tr("Shortcuts", "跳到工单"),
        "panel.scripts": tr("Shortcuts", "显示/隐藏话术区"),
        "panel.knowledge": tr("Shortcuts", "显示/隐藏知识库"),
        "app.about": tr("Shortcuts", "关于"),
        "call.dtmf": tr("Shortcuts", "按键（DTMF）"),
        "call.answer": tr("Shortcuts", "接听"),
        "call.hang_up": tr("Shortcuts", "挂断"),
        "call.hold": tr("Shortcuts", "保持/取回"),
        "call.mute": tr("Shortcuts", "静音/取消静音"),
        "call.consult": tr("Shortcuts", "咨询（选择专席、单位或热线）"),
        "call.cancel_consult": tr("Shortcuts", "结束咨询，回到来电人"),
        "call.complete_transfer": tr("Shortcuts", "完成转接"),
        "call.conference": tr("Shortcuts", "三方通话"),
        "call.blind_transfer": tr("Shortcuts", "直接转接（不咨询）"),
        "call.emergency": tr("Shortcuts", "紧急转接 110/119/120/122"),
        "seat.pending_away": tr("Shortcuts", "通话后示忙（选择原因）"),
        "seat.pending_sign_out": tr("Shortcuts", "通话后签出"),
        "seat.cancel_pending": tr("Shortcuts", "取消预约的通话后状态"),
        "seat.raise_hand": tr("Shortcuts", "举手求助 / 放下手"),
        "panel.floor": tr("Shortcuts", "打开班长席（座席监控，仅班长）"),
        "wrap_up.end": tr("Shortcuts", "结束话后整理"),
        "wrap_up.extend": tr("Shortcuts", "延长话后整理（一次）"),
        "panel.dispatch": tr("Shortcuts", "显示/隐藏派单区"),
        "panel.repeat_callers": tr("Shortcuts", "显示/隐藏历史工单"),
        "order.lookup": tr("Shortcuts", "按工单号查询办理进度"),
        "panel.today": tr("Shortcuts", "显示/隐藏今日工单"),
        "knowledge.search": tr("Shortcuts", "知识检索"),
        "knowledge.insert_answer": tr("Shortcuts", "将知识答复插入工单"),
        "knowledge.related": tr("Shortcuts", "转到相关知识（Enter 查看，Esc 返回工单）"),
        "scripts.copy": tr("Shortcuts", "复制当前话术"),
        "scripts.insert": tr("Shortcuts", "插入当前话术"),
        "scripts.next_step": tr("Shortcuts", "话术下一步"),
        "panel.transcript": tr("Shortcuts", "显示/隐藏通话记录"),
        "training.pick": tr("Shortcuts", "选择培训场景（培训模式）"),
        "training.random": tr("Shortcuts", "随机培训场景（培训模式）"),
        "training.last_score": tr("Shortcuts", "查看上次培训评分"),
        "transcript.say": tr("Shortcuts", "输入我对来电人说的话（培训模式）"),
    }
    if action_id.startswith("dispatch.") and action_id in DEFAULT_DISPATCH_SHORTCUTS:
        return shortcut_action_label(action_id)
    return labels.get(action_id, action_id)


class ShortcutsHelp(QDialog):
    """Lists the shortcut map in force (defaults plus the hall's and the user's changes)."""

    def __init__(self, shortcuts: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsHelp")
        self.setWindowTitle(tr("Shortcuts", "快捷键一览"))
        table = QTableWidget(len(shortcuts), 2)
        table.setObjectName("shortcutsTable")
        table.setAccessibleName(tr("Shortcuts", "快捷键列表"))
        table.setHorizontalHeaderLabels([tr("Shortcuts", "操作"), tr("Shortcuts", "按键")])
        for row, (action_id, sequence) in enumerate(shortcuts.items()):
            table.setItem(row, 0, QTableWidgetItem(action_label(action_id)))
            table.setItem(row, 1, QTableWidgetItem(sequence))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(420, 360)
