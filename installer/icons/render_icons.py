"""Render the app icon (resources/icons/seatclient.svg) to the PNG sizes desktops use, and a Windows .ico.

    .venv/bin/python installer/icons/render_icons.py          # rewrite the PNGs and the .ico
    .venv/bin/python installer/icons/render_icons.py --check  # fail if any is missing or stale

The PNGs go to ``resources/icons/hicolor/<N>x<N>/apps/seatclient.png`` (the freedesktop icon theme
layout the .deb copies as is) and ``resources/icons/seatclient.ico`` holds PNG-compressed images of
16 to 256 pixels. Qt renders the SVG, so no other image tool is needed. The outputs are committed;
run this after changing the SVG.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "seatclient.svg"
ICO = ICONS / "seatclient.ico"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    """Where the ``size`` x ``size`` PNG lives, in hicolor theme layout."""
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / "seatclient.png"


def render_png(svg: Path, size: int) -> bytes:
    """Render ``svg`` to a square PNG of ``size`` pixels with a transparent background."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes, the binding str
    buffer.close()
    del _app
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A .ico file holding each PNG as is (Windows Vista and later read PNG entries)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    directory = b""
    images = b""
    offset = len(header) + 16 * len(pngs)
    for size, png in sorted(pngs.items()):
        # Width and height are one byte each; 0 stands for 256.
        edge = 0 if size >= 256 else size
        directory += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + directory + images


def expected_outputs() -> dict[Path, bytes]:
    """Every output file and the bytes it should hold."""
    pngs = {size: render_png(SVG, size) for size in PNG_SIZES}
    outputs = {png_path(size): data for size, data in pngs.items()}
    outputs[ICO] = ico_bytes({size: pngs[size] for size in ICO_SIZES})
    return outputs


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the rendered icons; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report missing or stale files")
    args = parser.parse_args(argv)
    outputs = expected_outputs()
    if args.check:
        stale = [path for path, data in outputs.items() if not path.is_file() or path.read_bytes() != data]
        for path in stale:
            print(f"stale or missing: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path, data in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
