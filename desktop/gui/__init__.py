"""The thin Qt layer: model/view adapters, widgets and commands over ``desktop.core``."""
