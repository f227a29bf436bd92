"""Use cases. One public method is one user action and one transaction; results are
plain dataclasses (``sdrdesk.services.results``), never ORM objects."""
