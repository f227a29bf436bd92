"""The standalone build's entry point (PyInstaller runs this file)."""

from sdrdesk.cli import main_entry

main_entry()
