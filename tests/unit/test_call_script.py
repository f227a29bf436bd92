"""Call scripts as data: reading, refusing broken files by line and field, scoring."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from sdrdesk.domain.call_outcomes import load_outcomes, parse_outcomes
from sdrdesk.domain.call_script import Decision, QuestionType
from sdrdesk.domain.callbacks import (
    in_business_hours,
    recontact_time,
    suggest_callback,
    weekday_from,
)
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.qualification import (
    answer_label,
    carry_over,
    check_answers,
    evaluate,
    parse_number,
)
from sdrdesk.domain.script_file import load_script, parse_script
from sdrdesk.domain.toml_lines import LineMap

TODAY = date(2026, 3, 10)

SCRIPT = """\
id = "mini"
name = "Mini"
version = "1"

[[grades]]
grade = "A"
min_total = 80
min = { need = 50 }
recommend = "demo"

[[grades]]
grade = "B"
min_total = 40
recommend = "nurture"
recontact_days = 30

[[grades]]
grade = "C"
recommend = "disqualify"
reason = "no_need"

[[sections]]
id = "need"
title = "Need"

[[sections.questions]]
id = "pain"
text = "Does it hurt?"
type = "yes_no"
weight = { yes = 10, no = 0 }
knockout = { no = "no_need" }

[[sections.questions]]
id = "where"
text = "Where does it hurt?"
type = "multiple"
ask_if = { question = "pain", is = "yes" }
choices = [
  { id = "ops", label = "Operations", weight = 5 },
  { id = "sales", label = "Sales", weight = 5 },
]

[[sections]]
id = "budget"
title = "Budget"
weight = 2

[[sections.questions]]
id = "amount"
text = "How much?"
type = "money"
currency = "CHF"
bands = [
  { min = 10000, weight = 10 },
  { min = 1000, weight = 5 },
  { weight = 0, knockout = "no_budget" },
]

[[sections.questions]]
id = "when"
text = "By when?"
type = "date"
optional = true
ask_if = [{ question = "amount", at_least = 1000 }, { question = "pain", answered = true }]
bands = [{ max = 90, weight = 10 }, { weight = 0 }]
"""


def test_the_default_script_has_the_six_sections_and_every_question_type() -> None:
    script = load_script()
    assert [s.title for s in script.sections] == [
        "Interest",
        "Fit",
        "Budget",
        "Authority",
        "Need",
        "Timeline",
    ]
    assert {q.type for _, q in script.questions()} == set(QuestionType)
    assert all(q.text for _, q in script.questions())
    assert [g.grade for g in script.grades] == ["A", "B", "C"]


def test_conditions_decide_what_is_asked() -> None:
    script = parse_script(SCRIPT, "mini.toml")
    assert evaluate(script, {}, TODAY).applicable == {"pain", "amount"}
    a = evaluate(script, {"pain": "yes", "amount": 5000}, TODAY)
    assert a.applicable == {"pain", "where", "amount", "when"}
    # Answers to questions that no longer apply do not count and are not kept.
    a = evaluate(script, {"pain": "yes", "where": ["ops"], "amount": 500}, TODAY)
    assert "when" not in a.applicable


def test_scores_grades_and_the_recommendation_come_from_the_file() -> None:
    script = parse_script(SCRIPT, "mini.toml")
    answers = {"pain": "yes", "where": ["ops", "sales"], "amount": 20000, "when": "2026-04-01"}
    a = evaluate(script, answers, TODAY)
    assert a.scores == {"need": 100.0, "budget": 100.0}
    assert (a.total, a.grade, a.complete) == (100.0, "A", True)
    assert a.recommendation is not None
    assert a.recommendation.decision is Decision.DEMO
    a = evaluate(script, {**answers, "where": ["ops"], "amount": 2000, "when": "2027-01-01"}, TODAY)
    # need 15/20 = 75, budget 5/20 = 25 (weight 2): total (75 + 50) / 3
    assert a.scores == {"need": 75.0, "budget": 25.0}
    assert (a.total, a.grade) == (41.7, "B")
    assert a.recommendation is not None
    assert (a.recommendation.decision, a.recommendation.recontact_days) == (Decision.NURTURE, 30)


def test_unanswered_questions_keep_the_grade_open() -> None:
    script = parse_script(SCRIPT, "mini.toml")
    a = evaluate(script, {"pain": "yes"}, TODAY)
    assert (a.grade, a.complete, a.recommendation) == (None, False, None)
    assert a.progress[0].answered == 1
    assert a.progress[0].required == 2
    assert not a.progress[1].done
    # Optional questions do not hold a section open.
    a = evaluate(script, {"pain": "yes", "where": ["ops"], "amount": 5000}, TODAY)
    assert a.complete


def test_a_knock_out_ends_qualification_with_its_reason() -> None:
    script = parse_script(SCRIPT, "mini.toml")
    a = evaluate(script, {"pain": "no"}, TODAY)
    assert a.complete
    assert a.grade == "C"
    assert a.knockout is not None
    assert (a.knockout.question_id, a.knockout.answer, a.knockout.reason_code) == (
        "pain",
        "No",
        "no_need",
    )
    assert a.recommendation is not None
    assert (a.recommendation.decision, a.recommendation.reason_code) == (
        Decision.DISQUALIFY,
        "no_need",
    )
    band = evaluate(script, {"pain": "yes", "where": ["ops"], "amount": 100}, TODAY)
    assert band.knockout is not None
    assert band.knockout.reason_code == "no_budget"


def test_answers_are_checked_and_read_back_as_text() -> None:
    script = parse_script(SCRIPT, "mini.toml")
    assert check_answers(script, {"pain": True, "where": "ops", "amount": 12000.0, "when": ""}) == {
        "pain": "yes",
        "where": ["ops"],
        "amount": 12000,
    }
    with pytest.raises(ValidationError, match="has no question “nope”"):
        check_answers(script, {"nope": 1})
    with pytest.raises(ValidationError, match="has no choice “hr”"):
        check_answers(script, {"where": ["hr"]})
    with pytest.raises(ValidationError, match="needs a date"):
        check_answers(script, {"when": "next spring"})
    amount = script.question("amount")
    assert amount is not None
    assert answer_label(amount, 12500) == "12,500 CHF"
    assert carry_over(script, {"pain": "yes", "gone": 1, "where": ["hr"]}) == {"pain": "yes"}


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ('"money"', '"currency"', 51, "field “type” is “currency”"),
        ('no = "no_need"', 'no = "No Need"', 31, "field “knockout” must be the code"),
        ('"Sales", weight = 5', '"Sales", weight = "high"', 40, "choice “sales”: field “weight”"),
        ('"pain", is = "yes"', '"pain", is = "maybe"', 37, "“maybe” is not a choice of “pain”"),
        ("{ need = 50 }", "{ needs = 50 }", 8, "“needs” is not a section"),
        ('"nurture"', '"call_again"', 14, "field “recommend” must be one of"),
        ('id = "amount"', 'id = "Amount"', 49, "field “id” “Amount” must be lower-case"),
        ('text = "By when?"', 'txt = "By when?"', 61, "field “txt” is not known"),
    ],
)
def test_a_broken_script_names_the_line_and_field(
    old: str, new: str, line: int, message: str
) -> None:
    assert SCRIPT.count(old) == 1
    with pytest.raises(ValidationError) as caught:
        parse_script(SCRIPT.replace(old, new), "team.toml")
    assert str(caught.value).startswith(f"team.toml, line {line}: "), str(caught.value)
    assert message in str(caught.value)


def test_a_condition_may_only_look_back() -> None:
    text = SCRIPT.replace(
        'ask_if = { question = "pain", is = "yes" }',
        'ask_if = { question = "amount", answered = true }',
    )
    with pytest.raises(ValidationError, match=r"line 37: .*must name a question asked earlier"):
        parse_script(text, "team.toml")


def test_toml_syntax_errors_keep_their_line() -> None:
    with pytest.raises(ValidationError, match=r"^team\.toml, line 3: not valid TOML"):
        parse_script('id = "x"\nname = "y"\nversion = \n', "team.toml")


def test_missing_required_parts_are_named() -> None:
    with pytest.raises(ValidationError, match="field “version” is missing"):
        parse_script('id = "x"\nname = "y"\n', "t.toml")
    with pytest.raises(ValidationError, match=r"no \[\[sections\]\]"):
        parse_script('id = "x"\nname = "y"\nversion = "1"\n', "t.toml")


def test_the_line_map_follows_tables_arrays_and_inline_tables() -> None:
    lines = LineMap(SCRIPT)
    assert lines.line(("sections", 0)) == 22
    assert lines.line(("sections", 0, "questions", 1, "choices", 1)) == 40
    assert lines.line(("sections", 0, "questions", 1, "choices", 1, "label")) == 40
    assert lines.line(("sections", 1, "questions", 1, "ask_if", 1, "answered")) == 64
    assert lines.line(("grades", 2, "reason")) == 20
    assert lines.line(("sections", 1, "questions", 0, "nothing_here")) == 48
    tricky = 'a = """x\n[[not_a_table]]\n"""\n# [b]\n[c]\nd = "=[{"\ne = 1\n'
    assert LineMap(tricky).line(("c", "e")) == 7


def test_numbers_are_read_as_people_type_them() -> None:
    assert parse_number("40k") == 40_000
    assert parse_number("40.000") == 40_000
    assert parse_number("1,5") == 1.5
    assert parse_number("€ 25 000") == 25_000
    assert parse_number("1.2m") == 1_200_000
    assert parse_number("a lot") is None


def test_outcomes_are_data() -> None:
    outcomes = load_outcomes()
    codes = [o.code for o in outcomes.outcomes]
    assert codes[:3] == ["connected", "voicemail", "no_answer"]
    assert {"wrong_number", "do_not_call", "callback_requested", "gatekeeper"} <= set(codes)
    assert outcomes.get("callback_requested").callback
    assert outcomes.get("wrong_number").do_not_call
    with pytest.raises(ValidationError, match="line 1: outcome 1: field “label” is missing"):
        parse_outcomes('[[outcomes]]\ncode = "x"\n', "o.toml")


def test_callbacks_are_suggested_inside_the_leads_business_hours() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    tuesday = datetime(2026, 3, 10, 14, 30, tzinfo=UTC)  # 15:30 in Berlin
    assert suggest_callback(tuesday, berlin, 9, 18).astimezone(berlin) == datetime(
        2026, 3, 11, 15, 30, tzinfo=berlin
    )
    friday_evening = datetime(2026, 3, 13, 17, 50, tzinfo=UTC)  # 18:50 Berlin, Friday
    assert suggest_callback(friday_evening, berlin, 9, 18).astimezone(berlin) == datetime(
        2026, 3, 16, 9, 0, tzinfo=berlin
    )
    tokyo = ZoneInfo("Asia/Tokyo")
    at = suggest_callback(tuesday, tokyo, 9, 18)
    assert in_business_hours(at, tokyo, 9, 18)
    assert recontact_time(date(2026, 6, 13), berlin, 9).astimezone(berlin) == datetime(
        2026, 6, 15, 9, 0, tzinfo=berlin
    )


def test_a_recontact_or_demo_day_offered_is_a_weekday() -> None:
    # 90 days after Monday 7 December 2026 is Sunday 7 March 2027: offered as Monday.
    assert weekday_from(date(2027, 3, 7)) == date(2027, 3, 8)
    assert weekday_from(date(2027, 3, 6)) == date(2027, 3, 8)
    assert weekday_from(date(2027, 3, 5)) == date(2027, 3, 5)
