"""The main window's status bar, one small widget a file (qutebrowser's statusbar is the
model): what is running, the last triage to undo, the queue's count, who works, the store.
"""
