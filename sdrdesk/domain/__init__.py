"""Pure business rules: no Qt, no SQLAlchemy, no I/O beyond reading packaged data."""
