"""A refusal built around a field names it by a label from the catalogue: every check of
app/services/boundary.py (and the set-up forms' text and number checks) is handed a label marked
QT_TRANSLATE_NOOP("fields", …) where the field is known, never a bare English word, and a request
dataclass names each of its enum fields in LABELS; the whole sentence then comes out in the
practice's language."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import app.services
from app import i18n
from app.errors import ValidationError
from app.services.boundary import (
    Untrusted,
    _enum_fields,
    checked_cents,
    checked_date,
    checked_id,
    checked_moment,
    checked_text,
)

ROOT = Path(__file__).resolve().parents[2]
# The checks, and which argument is the field's label.
LABEL_ARGUMENT = {"checked_text": 2, "checked_date": 2, "checked_moment": 2, "checked_cents": 2,
                  "checked_id": 1, "as_enum": 2, "amount_from_text": 1, "record_id": 0}  # fmt: skip
SETUP_FORMS = {"text": 2, "number": 4}  # app/services/setup/common.py


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    yield
    i18n.set_translator(None)


def _is_label(node: ast.expr) -> bool:
    """QT_TRANSLATE_NOOP("fields", "…"), or a name handing one on."""
    if isinstance(node, ast.Name | ast.Attribute):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "QT_TRANSLATE_NOOP"
        and isinstance(node.args[0], ast.Constant)
        and node.args[0].value == "fields"
    )


def _label_arguments() -> Iterator[tuple[str, ast.expr]]:
    for path in sorted((ROOT / "app").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        checks = dict(LABEL_ARGUMENT)
        if "from app.services.setup.common import" in source:
            checks |= SETUP_FORMS
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in checks or isinstance(func, ast.Attribute) and name in SETUP_FORMS:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            given = [kw.value for kw in node.keywords if kw.arg == "what"]
            if len(node.args) > checks[name]:
                given.append(node.args[checks[name]])
            if given:
                yield where, given[0]


def field_labels() -> set[str]:
    """Every field label app/ marks: QT_TRANSLATE_NOOP("fields", "…")."""
    found = set()
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if _is_label(node) and isinstance(node, ast.Call):
                text = node.args[1]
                assert isinstance(text, ast.Constant) and isinstance(text.value, str)
                found.add(text.value)
    return found


def test_every_field_is_named_by_a_label_marked_for_the_catalogue() -> None:
    bare = [f"{where}: {ast.unparse(arg)}" for where, arg in _label_arguments()
            if not _is_label(arg)]  # fmt: skip
    assert not bare, "a field named in plain English:\n" + "\n".join(bare)
    assert len(list(_label_arguments())) > 60  # the walk found the checks


def _requests() -> Iterator[type]:
    for module in pkgutil.walk_packages(app.services.__path__, "app.services."):
        importlib.import_module(module.name)

    def below(cls: type) -> Iterator[type]:
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    yield from below(Untrusted)


def test_every_enum_field_of_a_request_has_its_label() -> None:
    missing = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _requests()
        for name, _enum, _optional in _enum_fields(cls)
        if name not in getattr(cls, "LABELS", {})
    ]
    assert not missing, missing


FRENCH = {
    "The {what} is {length} characters long; the limit is {limit}.": (
        "Le champ « {what} » compte {length} caractères ; la limite est {limit}."
    ),
    "The {what} has no time zone; FrontDesk cannot tell when it is.": (
        "Le champ « {what} » n’a pas de fuseau horaire."
    ),
    "The {what} cannot be negative.": "Le champ « {what} » ne peut pas être négatif.",
    "There is no {what} numbered {value}; check the number.": "Aucun {what} n° {value}.",
    "The {what} {day} is outside the years FrontDesk works with ({first}–{last}); "
    "check the date.": "Le champ « {what} » ({day}) sort des années {first}–{last}.",
    "pack name": "nom du forfait",
    "session's start": "début de la séance",
    "price": "prix",
    "session": "séance",
    "expiry date": "date d’expiration",
}


def test_a_field_refusal_comes_out_whole_in_the_practice_language() -> None:
    i18n.set_translator(lambda _c, text, *_: FRENCH.get(text, text))
    calls = [
        lambda: checked_text("x" * 130, "name", "pack name", 120),
        lambda: checked_moment(datetime(2026, 4, 1, 9), "start", "session's start"),
        lambda: checked_cents(-5, "price", "price"),
        lambda: checked_id(0, "session", "session"),
        lambda: checked_date(date(2200, 1, 1), "expires_on", "expiry date"),
    ]
    said = []
    for call in calls:
        with pytest.raises(ValidationError) as refused:
            call()
        said.append(refused.value.message)
    assert said == [
        "Le champ « nom du forfait » compte 130 caractères ; la limite est 120.",
        "Le champ « début de la séance » n’a pas de fuseau horaire.",
        "Le champ « prix » ne peut pas être négatif.",
        "Aucun séance n° 0.",
        "Le champ « date d’expiration » (2200-01-01) sort des années 1900–2100.",
    ]
    assert checked_moment(datetime(2026, 4, 1, 9, tzinfo=UTC), "start", "session's start")
