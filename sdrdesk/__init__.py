"""sdrdesk: a keyboard-first desktop work queue for sales development reps."""

__version__ = "0.1.0"
