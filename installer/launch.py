"""Frozen entry point of both programs: nianbao (window, no console) and nianbao-cli (batch commands)."""

import sys

from desktop.cli import main

sys.exit(main(sys.argv[1:]))
