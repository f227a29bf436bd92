"""Which column fills which field: unknown headers, mappings, the column dialog, backup phones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sdrdesk.domain.errors import ImportFileError, ValidationError
from sdrdesk.domain.import_fields import FIELD_LABELS
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.imports import ImportService, parse_mapping
from sdrdesk.services.results import UserInfo
from tests.services.import_helpers import by_email, counts, run, stored, write_csv


def test_unknown_headers_are_refused_naming_them_and_a_mapping_fixes_it(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        [["Kontaktadresse", "Rufnr. mobil", "Org"], ["ann@x.example", "0171 2345678", "X AG"]],
    )
    with pytest.raises(ImportFileError) as error:
        run(ctx, sdr, path)
    message = str(error.value)
    assert "“Kontaktadresse”, “Rufnr. mobil”, “Org”" in message
    assert "email, phone or mobile" in message
    assert counts(ctx) == (0, 0, 0)

    mapping = parse_mapping("Kontaktadresse=email, Rufnr. mobil=mobile,Org=company")
    report = run(ctx, sdr, path, mapping=mapping)

    assert report.imported == 1
    (lead,) = stored(ctx)
    assert (lead["email"], lead["phone_e164"], lead["company"]) == (
        "ann@x.example",
        "+491712345678",
        "X AG",
    )


def test_mapping_from_json_and_toml_files(tmp_path: Path) -> None:
    json_file = tmp_path / "map.json"
    json_file.write_text(json.dumps({"Mail": "email", "Handy": "Mobile"}), encoding="utf-8")
    toml_file = tmp_path / "map.toml"
    toml_file.write_text('Mail = "email"\n"Firma (Name)" = "company"\n', encoding="utf-8")
    assert parse_mapping(str(json_file)) == {"Mail": "email", "Handy": "mobile"}
    assert parse_mapping(str(toml_file)) == {"Mail": "email", "Firma (Name)": "company"}
    with pytest.raises(ValidationError, match="does not exist"):
        parse_mapping(str(tmp_path / "missing.json"))
    json_file.write_text('{"Mail": "e-mail address"}', encoding="utf-8")
    with pytest.raises(ValidationError, match="“e-mail address” is not a lead field; use one"):
        parse_mapping(str(json_file))
    json_file.write_text('["Mail", "email"]', encoding="utf-8")
    with pytest.raises(ValidationError, match="must hold an object"):
        parse_mapping(str(json_file))


def test_explicit_mapping_overrides_and_ignore_drops_a_column(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        [
            ["Email", "Private Email", "Phone", "Password"],
            ["work@x.example", "me@y.example", "030 1234567", "hunter2"],
        ],
    )
    report = run(
        ctx, sdr, path, mapping={"Private Email": "email", "Email": "extra", "Password": "ignore"}
    )
    (lead,) = stored(ctx)
    assert lead["email"] == "me@y.example"
    assert lead["extra"] == {"Email": "work@x.example"}
    # The command line names fields as --mapping takes them, the window as its dialog does.
    assert (
        "Columns: Private Email → email, Phone → phone, Password → ignore."
        " Kept as extra data: Email." in report.summary()
    )
    assert (
        "Columns: Private Email → E-mail, Phone → Phone. Kept as extra data: Email."
        " Left out: Password." in report.summary(FIELD_LABELS)
    )


def test_a_lead_whose_direct_phone_is_empty_is_called_at_the_company_number(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = tmp_path / "apollo.csv"
    path.write_text(
        "First Name,Last Name,Email,Work Direct Phone,Mobile Phone,Corporate Phone,Country\n"
        "Ada,Direct,ada@x.example,+1 650 555 0123,,+1 415 555 0100,United States\n"
        "Ben,Switchboard,,,,+1 415 555 0100 ext. 12,United States\n",
        encoding="utf-8",
    )
    report = run(ctx, sdr, path)
    assert (report.imported, report.skipped) == (2, ())
    assert any("“Corporate Phone” fills phone" in w.message for w in report.warnings)
    leads = {lead["last_name"]: lead for lead in stored(ctx)}
    assert leads["Direct"]["phone_e164"] == "+16505550123"
    assert (leads["Switchboard"]["phone_e164"], leads["Switchboard"]["phone_ext"]) == (
        "+14155550100",
        "12",
    )
    assert leads["Switchboard"]["extra"]["Corporate Phone"] == "+1 415 555 0100 ext. 12"


def test_a_preview_shows_the_columns_and_the_chosen_ones_are_imported(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """The window's column dialog: the file read once, its columns as mapped
    automatically with their first values; the person's choice is what gets imported,
    and only the rows the preview read (the file changing meanwhile changes nothing)."""
    path = write_csv(
        tmp_path,
        [
            ["Wer", "Betrieb", "Nummer", "Adresse", "Intern"],
            ["Anna Schmidt", "Acme GmbH", "030 1234567", "anna@acme.example", "x"],
            ["Ben Jones", "Globex", "(212) 555-0100", "ben@globex.example", "y"],
            ["Ben Jones", "Globex", "(212) 555-0100", "ben@globex.example", "y"],
        ],
    )
    service = ImportService(ctx)
    preview = service.preview(path)
    assert (preview.rows, preview.encoding, preview.delimiter) == (3, "UTF-8", "comma")
    assert preview.headers == ("Wer", "Betrieb", "Nummer", "Adresse", "Intern")
    assert preview.samples[1] == ("Acme GmbH", "Globex")  # different values only
    assert preview.targets == ("extra",) * 5  # no header a CRM uses
    path.write_text("First Name,Email\nZed,zed@z.example\n", encoding="utf-8")  # changed

    choice = ("full_name", "company", "phone", "email", "ignore")
    dry = service.run(path, actor_id=sdr.id, prepared=preview, columns=choice, dry_run=True)
    assert (dry.imported, len(dry.duplicates)) == (2, 1)
    assert counts(ctx) == (0, 0, 0)
    report = service.run(
        path, actor_id=sdr.id, prepared=preview, columns=choice, default_region="US"
    )

    assert report.imported == 2
    leads = by_email(ctx)
    assert set(leads) == {"anna@acme.example", "ben@globex.example"}
    ben = leads["ben@globex.example"]
    assert (ben["first_name"], ben["last_name"], ben["company"]) == ("Ben", "Jones", "Globex")
    assert ben["phone_e164"] == "+12125550100"  # read in the region chosen for the file
    assert ben["extra"] == {}  # "Intern" left out
    assert leads["anna@acme.example"]["extra"] == {}


def test_chosen_columns_map_each_field_once(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(tmp_path, [["A", "B"], ["a@x.example", "b@y.example"]])
    service = ImportService(ctx)
    preview = service.preview(path)
    with pytest.raises(ValidationError, match="Both “A” and “B” are mapped to e-mail"):
        service.run(path, actor_id=sdr.id, prepared=preview, columns=("email", "email"))
    with pytest.raises(ValidationError, match="“mail” is not a lead field"):
        service.run(path, actor_id=sdr.id, prepared=preview, columns=("mail", "extra"))
    with pytest.raises(ValidationError, match="has 2 columns, but 1 were mapped"):
        service.run(path, actor_id=sdr.id, prepared=preview, columns=("email",))
    with pytest.raises(ImportFileError, match="no column for email, phone or mobile"):
        service.run(path, actor_id=sdr.id, prepared=preview, columns=("extra", "extra"))
    assert counts(ctx) == (0, 0, 0)


def test_a_preview_keeps_the_backup_phone_while_its_columns_stay(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """The company number still fills an empty direct phone when the person changed
    another column, and no longer once they send it elsewhere."""
    path = tmp_path / "apollo.csv"
    path.write_text(
        "First Name,Email,Work Direct Phone,Mobile Phone,Corporate Phone,Team\n"
        "Ben,,,,+1 415 555 0100,Sales\n",
        encoding="utf-8",
    )
    service = ImportService(ctx)
    preview = service.preview(path)
    assert any("“Corporate Phone” fills phone" in note for note in preview.notes)
    assert preview.targets[:5] == ("first_name", "email", "phone", "mobile", "extra")
    kept = ("first_name", "email", "phone", "mobile", "extra", "title")
    dry = service.run(path, actor_id=sdr.id, prepared=preview, columns=kept, dry_run=True)
    assert (dry.imported, dry.skipped) == (1, ())
    left_out = ("first_name", "email", "phone", "mobile", "ignore", "title")
    dry = service.run(path, actor_id=sdr.id, prepared=preview, columns=left_out, dry_run=True)
    assert dry.imported == 0
    assert "no phone number" in dry.skipped[0].message
