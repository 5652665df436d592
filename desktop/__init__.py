"""年报审校 Nianbao Review."""

__version__ = "0.1.0"
