"""Draw the application icon (resources/icons/nianbao.png and .ico). Run once when the design changes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402 - after the platform is chosen

from desktop.gui.qt import QtCore, QtGui, Qt  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def draw(size: int = 512) -> QtGui.QImage:
    image = QtGui.QImage(size, size, QtGui.QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    p = QtGui.QPainter(image)
    p.setRenderHint(QtGui.QPainter.Antialiasing)
    p.setRenderHint(QtGui.QPainter.TextAntialiasing)
    margin = size * 0.06
    rect = QtCore.QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    p.setBrush(QtGui.QColor("#1d4e89"))
    p.setPen(Qt.NoPen)
    p.drawRoundedRect(rect, size * 0.16, size * 0.16)
    grid = QtGui.QPen(QtGui.QColor(255, 255, 255, 70), size * 0.012)
    p.setPen(grid)
    for i in range(1, 4):
        y = rect.top() + rect.height() * (0.52 + 0.12 * i)
        p.drawLine(QtCore.QPointF(rect.left() + size * 0.1, y), QtCore.QPointF(rect.right() - size * 0.1, y))
    font = QtGui.QFont("Noto Sans CJK SC")
    font.setPixelSize(int(size * 0.5))
    font.setWeight(QtGui.QFont.Bold)
    p.setFont(font)
    p.setPen(QtGui.QColor("white"))
    p.drawText(QtCore.QRectF(rect.left(), rect.top() - size * 0.06, rect.width(), rect.height() * 0.75),
               Qt.AlignCenter, "审")
    p.setBrush(QtGui.QColor("#f0b429"))
    p.setPen(Qt.NoPen)
    p.drawEllipse(QtCore.QPointF(rect.right() - size * 0.16, rect.bottom() - size * 0.16), size * 0.1, size * 0.1)
    p.end()
    return image


def main() -> None:

    app = QtGui.QGuiApplication(sys.argv)  # noqa: F841 - fonts need an application
    ICONS.mkdir(parents=True, exist_ok=True)
    png = ICONS / "nianbao.png"
    draw().save(str(png))
    Image.open(png).save(ICONS / "nianbao.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print("wrote", png, ICONS / "nianbao.ico")


if __name__ == "__main__":
    main()
