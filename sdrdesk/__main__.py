"""``python -m sdrdesk`` behaves like the ``sdrdesk`` command."""

from sdrdesk.cli import main_entry

main_entry()
