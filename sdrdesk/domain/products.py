"""Products: what a lead is interested in, which picks its SAL criteria and call script.

The list is data: ``resources/data/products.toml`` by default; a team points the setting
``products_file`` at its own copy. Each ``[[product]]`` has an ``id``, its name (what
imports and the intake write, and ``--product`` takes), a ``label`` in English and ``label_de`` in
German, ``campaigns`` (patterns that give a lead without a product column its product)
and, optionally, its own ``sal_criteria`` and ``call_script`` files, named relative to
the products file. A product without them uses the team's criteria and script.

A lead's product: the import column or intake field (matched against names and labels,
case-insensitively), else the first product whose campaign pattern matches its campaign,
else none (the team's defaults). A name that is not in the list is kept as typed, with a
warning (a report can still filter by it; the checklist and script are the defaults).
"""

from __future__ import annotations

import fnmatch
import functools
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.toml_lines import TomlReader
from sdrdesk.i18n import _, current_language

DEFAULT_PRODUCTS = "products.toml"
MAX_LENGTH = 120  # leads.product
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,59}$")
_KEYS = {"id", "label", "label_de", "campaigns", "sal_criteria", "call_script"}


@dataclass(frozen=True, slots=True)
class Product:
    name: str
    raw_label: str  # English, as the file writes it
    label_de: str
    campaigns: tuple[str, ...] = ()  # glob patterns, case-folded
    sal_criteria: str | None = None  # the file's path
    call_script: str | None = None

    @property
    def label(self) -> str:
        return self.label_de if current_language() == "de" else self.raw_label


@dataclass(frozen=True, slots=True)
class ProductCatalog:
    products: tuple[Product, ...] = ()
    source: str = DEFAULT_PRODUCTS

    def find(self, text: str | None) -> Product | None:
        """The product named ``text`` (its name or a label, any case)."""
        if not text:
            return None
        key = " ".join(text.split()).casefold()
        for p in self.products:
            if key in (p.name, p.raw_label.casefold(), p.label_de.casefold()):
                return p
        return None

    def for_campaign(self, campaign: str | None) -> Product | None:
        if not campaign:
            return None
        key = campaign.casefold()
        for p in self.products:
            if p.campaigns and _matcher(p.campaigns)(key):
                return p
        return None

    def resolve(self, typed: str | None, campaign: str | None) -> tuple[str | None, str | None]:
        """(product, warning) of a new lead: the typed one wins over its campaign's."""
        text = " ".join(typed.split()) if typed else ""
        if text:
            found = self.find(text)
            if found is not None:
                return found.name, None
            text = text[:MAX_LENGTH]
            return text, _(
                "product “{product}” is not in the product list ({known}); kept as typed"
            ).format(product=text, known=", ".join(self.names()) or "–")
        by_campaign = self.for_campaign(campaign)
        return (by_campaign.name if by_campaign else None), None

    def names(self) -> list[str]:
        return [p.name for p in self.products]

    def label_of(self, name: str | None) -> str | None:
        """How a lead's product is shown: its label, or the name as stored."""
        if not name:
            return None
        found = self.find(name)
        return found.label if found else name


@functools.cache
def _matcher(patterns: tuple[str, ...]) -> Callable[[str], re.Match[str] | None]:
    """One compiled expression for a product's campaign patterns (an import asks for
    every row)."""
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns)).match


def parse_products(text: str, source: str, folder: Path | None = None) -> ProductCatalog:
    """Read and check a products file; errors name the line and the field. Files of a
    product are resolved against ``folder`` (None: inside the package's data)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(
            _("{source}: not valid TOML ({error}).").format(source=source, error=exc)
        ) from exc
    r = TomlReader(source, text)
    r.table(data, (), _("the product list"), {"product"})
    entries = r.array(data, "product", (), _("the product list"))
    products: list[Product] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries):
        path = ("product", n)
        what = _("product {number}").format(number=n + 1)
        r.table(entry, path, what, None)
        name = r.text(entry, "id", path, what)
        assert name is not None
        if not _NAME.match(name):
            raise r.error(
                (*path, "id"),
                _(
                    "{what}: id “{name}” must be lower-case letters, digits, “_”, “-” "
                    "or “.”, starting with a letter or digit."
                ).format(what=what, name=name),
            )
        what = _("product “{name}”").format(name=name)
        r.table(entry, path, what, _KEYS)
        if name in seen:
            raise r.error((*path, "id"), _("{what} appears twice.").format(what=what))
        seen.add(name)
        label = r.text(entry, "label", path, what)
        label_de = r.text(entry, "label_de", path, what)
        patterns = r.array(entry, "campaigns", path, what)
        for i, pattern in enumerate(patterns):
            if not isinstance(pattern, str) or not pattern.strip():
                raise r.error(
                    (*path, "campaigns", i),
                    _("{what}: each of “campaigns” must be non-empty text.").format(what=what),
                )
        files = [
            _file(r.text(entry, key, path, what, required=False), folder)
            for key in ("sal_criteria", "call_script")
        ]
        assert label is not None
        assert label_de is not None
        products.append(
            Product(
                name,
                label,
                label_de,
                tuple(p.strip().casefold() for p in patterns),
                files[0],
                files[1],
            )
        )
    return ProductCatalog(tuple(products), source)


def _file(name: str | None, folder: Path | None) -> str | None:
    if name is None:
        return None
    if folder is None:  # the packaged list names packaged files
        return str(resources.files("sdrdesk.resources").joinpath("data", name))
    return str((folder / Path(name).expanduser()).resolve())


def load_products(path: Path | None = None) -> ProductCatalog:
    """The team's products file if given, else the packaged default."""
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ValidationError(
                _("Cannot read the products file {path}: {reason}.").format(
                    path=path, reason=exc.strerror
                )
            ) from exc
        return parse_products(text, str(path), path.parent)
    default = resources.files("sdrdesk.resources").joinpath(f"data/{DEFAULT_PRODUCTS}")
    return parse_products(default.read_text(encoding="utf-8"), DEFAULT_PRODUCTS)


def product_names(catalog: ProductCatalog, stored: Sequence[str | None]) -> list[str]:
    """The products to offer in a filter: the list's, then any others stored."""
    names = catalog.names()
    return names + sorted({s for s in stored if s and s not in names})
