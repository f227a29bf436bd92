"""The one write path for new leads (import, sample data, a lead typed in by hand):
checked by ``domain.leads.clean_lead``, deduplicated, inserted as MQLs with their
hand-off events."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sdrdesk.db import lifecycle, search, tables
from sdrdesk.db.models import Lead
from sdrdesk.db.sqlite_values import json_text
from sdrdesk.domain.dedupe import DuplicateIndex
from sdrdesk.domain.leads import CleanLead
from sdrdesk.services.leads.columns import LEAD_COLUMNS, lead_values

LOOKUP_CHUNK = 500
# Read all of a store's keys when it has at most this many leads, or this many per row.
PRELOAD_MIN = 50_000
PRELOAD_PER_ROW = 4


def known_leads(
    session: Session,
    email_keys: Iterable[str],
    phones: Iterable[str],
    *,
    not_in_batch: int | None = None,
) -> DuplicateIndex[int]:
    """Leads already in the store that share an e-mail key or a phone with the input
    (leads of the import batch ``not_in_batch`` left out).

    Phones are looked up first, so the lead a phone matches is the oldest lead with that
    number, whatever other rows the input holds."""
    index: DuplicateIndex[int] = DuplicateIndex()
    lookup = _sqlite_lookup if is_sqlite(session) else _lookup
    for column, values in (("phone_e164", phones), ("email_key", email_keys)):
        unique = sorted(set(values))
        for start in range(0, len(unique), LOOKUP_CHUNK):
            chunk = unique[start : start + LOOKUP_CHUNK]
            for lead_id, email_key, phone in lookup(session, column, chunk, not_in_batch):
                index.add(email_key, phone, lead_id)
    return index


class StoreMatches:
    """``known_leads`` for the chunks of one import, which adds leads meanwhile (its own
    batch's are left out). When the store is not much bigger than the file, its e-mail
    keys and phones are read once, and a chunk's are looked up only if the store has
    them: in an empty store, or one that shares few leads with the file, that saves
    nearly every lookup."""

    def __init__(self, session: Session, *, rows: int, batch_id: int | None) -> None:
        self._session = session
        self._batch_id = batch_id
        self._keys: set[str] | None = None
        self._phones: set[str] | None = None
        self.stored = stored = session.scalar(select(func.count()).select_from(Lead)) or 0
        if stored <= max(PRELOAD_MIN, PRELOAD_PER_ROW * rows):
            self._keys, self._phones = set(), set()
            for key, phone in session.execute(select(Lead.email_key, Lead.phone_e164)):
                if key is not None:
                    self._keys.add(key)
                if phone is not None:
                    self._phones.add(phone)

    @property
    def indexes_read(self) -> frozenset[str]:
        """The indexes of ``leads`` that ``find`` reads, besides the unique e-mail key's:
        the phone's, unless the store held no lead (then it asks nothing)."""
        return _PHONE_INDEXES if self.stored else frozenset()

    def find(self, email_keys: Iterable[str], phones: Iterable[str]) -> DuplicateIndex[int]:
        if self._keys is not None and self._phones is not None:
            email_keys = [key for key in email_keys if key in self._keys]
            phones = [phone for phone in phones if phone in self._phones]
        return known_leads(self._session, email_keys, phones, not_in_batch=self._batch_id)


_PHONE_INDEXES = frozenset(
    str(index.name) for index in tables.leads.indexes if "phone_e164" in index.columns
)

_Found = Iterable[Sequence[Any]]  # (id, email_key, phone_e164)


def _lookup(session: Session, column: str, values: list[str], not_in_batch: int | None) -> _Found:
    query = select(Lead.id, Lead.email_key, Lead.phone_e164).where(
        getattr(Lead, column).in_(values)
    )
    if not_in_batch is not None:
        query = query.where(
            or_(Lead.import_batch_id.is_(None), Lead.import_batch_id != not_in_batch)
        )
    return session.execute(query.order_by(Lead.id))


def _sqlite_lookup(
    session: Session, column: str, values: list[str], not_in_batch: int | None
) -> _Found:
    """``_lookup`` without SQLAlchemy's statement building (a large import asks a few
    hundred times)."""
    sql = (
        f"SELECT id, email_key, phone_e164 FROM leads WHERE {column} IN "
        f"({', '.join('?' * len(values))})"
    )
    params: list[Any] = list(values)
    if not_in_batch is not None:
        sql += " AND (import_batch_id IS NULL OR import_batch_id != ?)"
        params.append(not_in_batch)
    return session.connection().exec_driver_sql(sql + " ORDER BY id", tuple(params))


def insert_leads(
    session: Session,
    leads: Sequence[CleanLead],
    *,
    actor_id: int | None,
    event_data: Iterable[Mapping[str, Any]] | None = None,
    at: datetime | None = None,
) -> list[int]:
    """Insert checked leads as new MQLs with their hand-off events; the new ids."""
    sqlite = is_sqlite(session)
    return insert_lead_values(
        session,
        [lead_values(lead, sqlite=sqlite) for lead in leads],
        actor_id=actor_id,
        event_data=(
            [json_text(data) for data in event_data]
            if sqlite and event_data is not None
            else event_data
        ),
        at=at,
        encoded=sqlite,
    )


def insert_lead_values(
    session: Session,
    rows: Sequence[tuple[Any, ...]],
    *,
    actor_id: int | None,
    import_batch_id: int | None = None,
    event_data: Iterable[Any] | None = None,
    at: datetime | None = None,
    encoded: bool = False,
    index_search: bool = True,
) -> list[int]:
    """``insert_leads`` for leads given as ``columns.lead_values`` (``encoded``: made
    with ``sqlite=True``, and the events' data JSON text; ``index_search``: see
    ``lifecycle.hand_off_many``)."""
    return lifecycle.hand_off_many(
        session,
        LEAD_COLUMNS,
        rows,
        actor_id=actor_id,
        fixed={"do_not_call": False, "attempt_count": 0, "import_batch_id": import_batch_id},
        event_data=event_data,
        at=at,
        encoded=encoded,
        index_search=index_search,
    )


def index_new_leads(session: Session, ids: Sequence[int]) -> None:
    """Add leads inserted with ``index_search=False`` (ids ``ids``, one transaction's: no
    other lead was added between them) to the search index."""
    if ids:
        search.index_new_leads(session, min(ids), max(ids))


def import_event_data(batch_id: int, lines: Iterable[int], *, encoded: bool) -> list[Any]:
    """The data of imported leads' hand-off events, ``{"import_batch_id", "line"}``;
    ``encoded``: as the JSON text ``json.dumps`` writes for it (formatted directly, a
    tenth of the time)."""
    if encoded:
        return [f'{{"import_batch_id": {batch_id:d}, "line": {line:d}}}' for line in lines]
    return [{"import_batch_id": batch_id, "line": line} for line in lines]


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"
