"""The one module of the GUI that imports the Qt binding; a Qt upgrade touches only this file."""

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt, Signal, Slot

__all__ = ["QtCore", "QtGui", "QtWidgets", "Qt", "Signal", "Slot"]
