"""The declarative base of the ORM models; column types and metadata are in ``db.types``."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy.orm import DeclarativeBase

from sdrdesk.db.types import (
    NAMING_CONVENTION,
    BigIntId,
    JSONDict,
    JSONDocument,
    UTCDateTime,
    enum_column,
    metadata,
    utcnow,
)

__all__ = [
    "NAMING_CONVENTION",
    "Base",
    "BigIntId",
    "JSONDict",
    "JSONDocument",
    "UTCDateTime",
    "enum_column",
    "utcnow",
]


class Base(DeclarativeBase):
    metadata = metadata
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}
