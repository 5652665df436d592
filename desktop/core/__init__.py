"""The Qt-free core: reading documents, locating tables, mapping cells, rules, storage, export.

Nothing under ``desktop.core`` may import a Qt binding; a test enforces it.
"""
