"""Lists with French and Spanish headers map to the lead fields."""

from __future__ import annotations

from tests.domain.header_helpers import fields_of


def test_french_and_spanish_lists() -> None:
    french = [
        "Civilité",
        "Prénom",
        "Nom",
        "Société",
        "Fonction",
        "Adresse e-mail",
        "Téléphone",
        "Portable",
        "Pays",
        "Secteur d'activité",
        "Effectif",
        "Origine",
        "Campagne",
        "Date de création",
    ]
    spanish = [
        "Nombre",
        "Apellidos",
        "Empresa",
        "Cargo",
        "Correo electrónico",
        "Teléfono",
        "Móvil",
        "País",
        "Industria",
        "Número de empleados",
        "Origen",
        "Campaña",
        "Puntuación",
        "Fecha de creación",
    ]
    fields = [
        "first_name",
        "last_name",
        "company",
        "title",
        "email",
        "phone",
        "mobile",
        "country",
        "industry",
        "company_size",
        "source",
        "campaign",
    ]
    assert list(fields_of(french).values()) == [*fields, "handed_off_at"]
    assert list(fields_of(spanish).values()) == [*fields, "score", "handed_off_at"]
