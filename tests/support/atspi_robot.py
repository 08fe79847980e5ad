"""An accessibility robot: finds and drives an application's controls over AT-SPI, as a screen reader does.

Run by the SYSTEM Python (``/usr/bin/python3``), which has Debian's ``python3-pyatspi``; the test's
virtual environment cannot import it. ``support.atspi.AtspiRobot`` starts this script and speaks to
it one JSON object per line: a request ``{"op": ..., ...}`` on stdin, then exactly one answer
``{"ok": true, "value": ...}`` or ``{"ok": false, "error": "..."}`` on stdout.

Controls are found by role and accessible name only (never by object name or position), and only
among those on screen (state SHOWING), so a hidden duplicate is never driven by mistake.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from typing import Any

import pyatspi  # type: ignore[import-not-found]

# A window holds a few hundred accessibles; this bounds a runaway walk of a huge list.
MAX_NODES = 20000


def application(name: str) -> Any:
    """Return the accessible application called ``name`` on the desktop, or ``None``."""
    desktop = pyatspi.Registry.getDesktop(0)
    for position in range(desktop.childCount):
        candidate = desktop.getChildAtIndex(position)
        if candidate is not None and candidate.name == name:
            return candidate
    return None


def showing(node: Any) -> bool:
    """Whether ``node`` is on screen."""
    try:
        return node.getState().contains(pyatspi.STATE_SHOWING)
    except Exception:
        return False


def walk(root: Any, include_hidden: bool = False) -> list[Any]:
    """Every accessible under ``root`` that is showing (hidden subtrees are skipped), depth first."""
    found: list[Any] = []
    stack = [root]
    while stack and len(found) < MAX_NODES:
        node = stack.pop()
        if node is None:
            continue
        found.append(node)
        if node is not root and not include_hidden and not showing(node):
            continue
        try:
            children = [node.getChildAtIndex(index) for index in range(node.childCount)]
        except Exception:
            continue
        stack.extend(reversed(children))
    return found


def describe(node: Any) -> dict[str, Any]:
    """The facts a test asserts on: role, name, description, states, text, actions, position."""
    facts: dict[str, Any] = {
        "role": node.getRoleName(),
        "name": node.name,
        "description": node.description,
        "showing": showing(node),
        "enabled": node.getState().contains(pyatspi.STATE_ENABLED),
        "focused": node.getState().contains(pyatspi.STATE_FOCUSED),
        "children": node.childCount,
    }
    try:
        text = node.queryText()
        facts["text"] = text.getText(0, text.characterCount)
    except NotImplementedError:
        facts["text"] = None
    try:
        action = node.queryAction()
        facts["actions"] = [action.getName(index) for index in range(action.nActions)]
    except NotImplementedError:
        facts["actions"] = []
    try:
        x, y, width, height = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        facts["extents"] = [x, y, width, height]
    except NotImplementedError:
        facts["extents"] = None
    return facts


class Robot:
    """Finds controls of one application by role and accessible name, and acts on them."""

    def __init__(self) -> None:
        self.app: Any = None

    def attach(self, request: dict[str, Any]) -> str:
        """Wait until the application ``name`` is on the accessibility bus."""
        deadline = time.monotonic() + float(request.get("timeout", 30))
        while time.monotonic() < deadline:
            self.app = application(request["name"])
            if self.app is not None:
                return str(self.app.name)
            time.sleep(0.3)
        raise LookupError(f"no application {request['name']!r} on the accessibility bus")

    def _matches(self, request: dict[str, Any]) -> list[Any]:
        role = request.get("role")
        name = request.get("name")
        prefix = request.get("name_prefix")
        within = request.get("within")
        roots = [self.app]
        if within is not None:
            roots = [node for node in walk(self.app) if node.name == within]
        found = []
        for root in roots:
            for node in walk(root):
                if not showing(node):
                    continue
                if role is not None and node.getRoleName() != role:
                    continue
                if name is not None and node.name != name:
                    continue
                if prefix is not None and not str(node.name).startswith(prefix):
                    continue
                found.append(node)
        return found

    def find(self, request: dict[str, Any]) -> Any:
        """The one showing control that matches, waiting up to ``timeout`` s (and ``enabled`` if asked)."""
        deadline = time.monotonic() + float(request.get("timeout", 10))
        last: list[Any] = []
        while True:
            last = self._matches(request)
            if request.get("enabled"):
                last = [node for node in last if node.getState().contains(pyatspi.STATE_ENABLED)]
            if last:
                return last[0]
            if time.monotonic() > deadline:
                raise LookupError(f"no showing control matches {request}")
            time.sleep(0.2)

    def op_attach(self, request: dict[str, Any]) -> Any:
        """Wait for the application (``name``)."""
        return self.attach(request)

    def op_describe(self, request: dict[str, Any]) -> Any:
        """The facts of the one matching control."""
        return describe(self.find(request))

    def op_find_all(self, request: dict[str, Any]) -> Any:
        """The facts of every matching control."""
        return [describe(node) for node in self._matches(request)]

    def op_children(self, request: dict[str, Any]) -> Any:
        """The facts of the matching control's children (a list's items)."""
        node = self.find(request)
        return [describe(node.getChildAtIndex(index)) for index in range(node.childCount)]

    def op_set_text(self, request: dict[str, Any]) -> Any:
        """Replace an editable control's text with ``text``."""
        node = self.find(request)
        node.queryEditableText().setTextContents(request["text"])
        return True

    def op_text(self, request: dict[str, Any]) -> Any:
        """The text of the matching control."""
        text = self.find(request).queryText()
        return text.getText(0, text.characterCount)

    def op_act(self, request: dict[str, Any]) -> Any:
        """Do the matching control's ``action`` (default ``Press``)."""
        node = self.find(request)
        action = node.queryAction()
        names = [action.getName(index) for index in range(action.nActions)]
        wanted = request.get("action", "Press")
        for index, known in enumerate(names):
            if known.lower() == wanted.lower():
                return bool(action.doAction(index))
        raise LookupError(f"{node.name!r} has no action {wanted!r}; it has {names}")

    def op_focus(self, request: dict[str, Any]) -> Any:
        """Give the matching control the keyboard focus."""
        return bool(self.find(request).queryComponent().grabFocus())

    def op_select_child(self, request: dict[str, Any]) -> Any:
        """Select child number ``child`` of the matching list."""
        node = self.find(request)
        return bool(node.querySelection().selectChild(int(request["child"])))

    def op_dump(self, request: dict[str, Any]) -> Any:
        """Every showing control under the matching one (or the whole application)."""
        root = self.find(request) if request.get("role") or request.get("name") else self.app
        return [describe(node) for node in walk(root)]

    def op_focused(self, request: dict[str, Any]) -> Any:
        """The control with the keyboard focus, or ``None``."""
        for node in walk(self.app):
            if node.getState().contains(pyatspi.STATE_FOCUSED):
                return describe(node)
        return None


def main() -> None:
    """Answer requests until stdin closes."""
    robot = Robot()
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            handler = getattr(robot, "op_" + request["op"])
            answer = {"ok": True, "value": handler(request)}
        except Exception as exc:
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc()}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
