"""Collect every ``tr("Context", "中文")`` call into the English Qt Linguist file, keeping translations.

    python tools/update_translations.py          # rewrite resources/translations/seatclient_en.ts
    python tools/update_translations.py --check  # fail if the file is stale or a string is untranslated
    python tools/update_translations.py --missing             # print the untranslated strings as JSON
    python tools/update_translations.py --merge english.json  # add translations from such a JSON file

Source strings are Simplified Chinese; the ``.ts`` file holds their English translations and is
compiled to ``.qm`` by ``pyside6-lrelease`` (``make translations``). Locations are left out so the
file changes only when the strings do. As with ``lupdate``, a translation whose source string has
gone is kept, marked ``vanished`` (``lrelease`` skips it), so work on a branch never loses one.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_FILE = ROOT / "resources" / "translations" / "seatclient_en.ts"
SOURCES = ROOT / "seatclient"


def collect_messages(source_root: Path) -> dict[tuple[str, str], str]:
    """Return {(context, source): "file:line"} for every literal ``tr(context, source)`` call."""
    found: dict[tuple[str, str], str] = {}
    for path in sorted(source_root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"):
                continue
            if len(node.args) != 2 or not all(
                isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in node.args
            ):
                raise SystemExit(f"{path}:{node.lineno}: tr() needs two literal strings")
            context, text = (arg.value for arg in node.args)  # type: ignore[attr-defined]
            found.setdefault((context, text), f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def read_translations(ts_file: Path) -> dict[tuple[str, str], str]:
    """Return {(context, source): translation} from an existing ``.ts`` file."""
    if not ts_file.exists():
        return {}
    translations: dict[tuple[str, str], str] = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            element = message.find("translation")
            text = element.text if element is not None and element.text else ""
            translations[(name, message.findtext("source", ""))] = text
    return translations


def render(messages: dict[tuple[str, str], str], translations: dict[tuple[str, str], str]) -> str:
    """Render the ``.ts`` XML: ``messages`` with known ``translations``, plus vanished translations."""
    vanished = {key for key, text in translations.items() if text and key not in messages}
    root = ET.Element("TS", version="2.1", language="en", sourcelanguage="zh_CN")
    for context_name in sorted({context for context, _ in [*messages, *vanished]}):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = context_name
        for ctx, source in sorted(key for key in [*messages, *vanished] if key[0] == context_name):
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = source
            translation = translations.get((ctx, source), "")
            element = ET.SubElement(message, "translation")
            if translation:
                element.text = translation
            if (ctx, source) in vanished:
                element.set("type", "vanished")
            elif not translation:
                element.set("type", "unfinished")
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n"


def main(argv: list[str] | None = None) -> int:
    """Update or check the translation file; returns the exit code."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="fail instead of writing")
    parser.add_argument(
        "--missing", action="store_true", help='print {"Context": {"source": ""}} for untranslated strings'
    )
    parser.add_argument(
        "--merge",
        action="append",
        default=[],
        type=Path,
        help='add translations from a JSON file {"Context": {"source": "English"}} (repeatable)',
    )
    args = parser.parse_args(argv)
    messages = collect_messages(SOURCES)
    translations = read_translations(TS_FILE)
    for merge_file in args.merge:
        for ctx, entries in json.loads(merge_file.read_text(encoding="utf-8")).items():
            for source, english in entries.items():
                if english:
                    translations[(ctx, source)] = english
    untranslated = [
        f"{where}: [{ctx}] {text}"
        for (ctx, text), where in messages.items()
        if not translations.get((ctx, text))
    ]
    if args.missing:
        skeleton: dict[str, dict[str, str]] = {}
        for ctx, text in sorted(messages):
            if not translations.get((ctx, text)):
                skeleton.setdefault(ctx, {})[text] = ""
        print(json.dumps(skeleton, ensure_ascii=False, indent=2))
        return 0
    if args.check:
        problems = [f"untranslated or missing: {line}" for line in untranslated]
        if problems:
            problems.append(
                f"run python tools/update_translations.py and translate {TS_FILE.relative_to(ROOT)}"
            )
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    TS_FILE.parent.mkdir(parents=True, exist_ok=True)
    TS_FILE.write_text(render(messages, translations), encoding="utf-8")
    print(f"{len(messages)} strings, {len(untranslated)} untranslated -> {TS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
