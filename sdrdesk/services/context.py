"""What every service needs: the store, the rules configured by the team, a clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sdrdesk.db.engine import Store
from sdrdesk.db.types import utcnow
from sdrdesk.domain.assignment import AssignmentRules, load_rules
from sdrdesk.domain.criteria import CriteriaSet, load_criteria, load_product_criteria
from sdrdesk.domain.products import ProductCatalog, load_products

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Rules:
    """Settings that change what services compute (from ``sdrdesk.settings``)."""

    default_region: str = "US"
    speed_to_lead_minutes: int = 60
    calling_hours_start: int = 9
    calling_hours_end: int = 18
    undo_seconds: int = 10
    call_script_file: str | None = None  # the team's call script (default: the packaged one)


@dataclass(frozen=True)
class ServiceContext:
    store: Store
    rules: Rules = field(default_factory=Rules)
    clock: Clock = utcnow
    criteria: CriteriaSet = field(default_factory=load_criteria)
    assignment: AssignmentRules = field(default_factory=load_rules)
    products: ProductCatalog = field(default_factory=load_products)
    # A product's own SAL criteria (``sal_criteria`` of its entry in the products file);
    # the others use ``criteria``. None: read from ``products`` here.
    product_criteria: Mapping[str, CriteriaSet] | None = None

    def use_rules(self, rules: Rules) -> None:
        """The team's rules changed in the settings: every service computes with
        ``rules`` from its next call. The one part of the context that changes while
        the app runs, replaced whole (``Rules`` is immutable, so a worker thread sees
        the old rules or the new, never a mix)."""
        object.__setattr__(self, "rules", rules)

    def __post_init__(self) -> None:
        if self.product_criteria is None:
            object.__setattr__(self, "product_criteria", load_product_criteria(self.products)[0])

    def criteria_for(self, product: str | None) -> CriteriaSet:
        """The SAL definition of a lead of ``product`` (None: the team's)."""
        if product:
            found = self.products.find(product)
            own = self.product_criteria or {}
            if found is not None and found.name in own:
                return own[found.name]
        return self.criteria

    def now(self) -> datetime:
        return self.clock()
