"""Frozen entry point of both programs: nianbao (window, no console) and nianbao-cli (batch commands)."""

import multiprocessing
import sys

from desktop.cli import main

# An import reads on every core in spawned processes (desktop/core/batch.py); in a frozen build
# each of them starts this executable again, and this call turns it into the worker instead of
# a second window or command.
multiprocessing.freeze_support()
sys.exit(main(sys.argv[1:]))
