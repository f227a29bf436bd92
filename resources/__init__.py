"""Packaged resources (installed as ``sdrdesk.resources``): data files, icons, styles."""
