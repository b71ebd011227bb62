"""Provider details and funders walked through the real window: Practice ▸ Practice settings…,
a wrong ABN refused with a sentence, a good one saved, a funder that pays no fees added; then a
late cancellation of a private client billed to that funder charges the client. A funder another
desk changed while the settings were open is not overwritten by their save."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QTabWidget, QTextBrowser
from sqlalchemy import select
from sqlalchemy.orm import Session as Orm

from app.bootstrap import AppContext
from app.models import Client, Funder, PracticeSettings, ServiceDelivered, Session
from app.models.enums import BookingStatus, Funding, SdKind, SessionKind, SessionStatus
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    errors,
    field,
    finish,
    from_context_menu,
    from_menu,
    next_page,
    open_tab,
    press,
    tick,
    type_any_script,
    type_into,
)


def _late_private_session(ctx: AppContext) -> tuple[int, int]:
    """(session, client): a one-client session tomorrow whose service allows a charge; its client
    made private (the client form's funder choice is another screen's)."""

    def pick(orm: Orm) -> tuple[int, int]:
        now = ctx.db.clock()
        for s in orm.scalars(
            select(Session)
            .where(Session.status == SessionStatus.ROSTERED, Session.starts_at > now)
            .order_by(Session.starts_at, Session.id)
        ):
            booked = [b for b in s.bookings if b.status == BookingStatus.BOOKED]
            if (
                s.kind == SessionKind.INDIVIDUAL
                and len(booked) == 1
                and s.series_id is None
                and s.service.allows_cancellation_charge
                and not s.service.support_worker_pricing
                and now + timedelta(hours=3) < s.starts_at < now + timedelta(hours=30)
            ):
                return s.id, booked[0].client_id
        raise AssertionError("the demo practice has no session tomorrow to cancel late")

    return data.read(ctx, pick)


PAY = "BSB 062-000, account 1234 5678; quote the invoice number"


def _make_private(ctx: AppContext, client_id: int, funder: str) -> None:
    with Orm(ctx.db.engine) as orm, orm.begin():
        client = orm.get(Client, client_id)
        assert client is not None
        client.funding = Funding.PRIVATE
        client.ndis_number = None
        client.funder_id = orm.scalar(select(Funder.id).where(Funder.name == funder))


def test_provider_details_and_a_funder_that_pays_no_fees(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    refusals: list[str] = []

    def fill(dialog: Any) -> None:
        open_tab(field(dialog, "Practice settings", QTabWidget), "Provider details")
        type_into(
            qtbot, field(dialog, "Legal name", QLineEdit), "Harbourside Allied Health Pty Ltd"
        )
        type_into(qtbot, field(dialog, "ABN", QLineEdit), "51 824 753 557")
        type_into(qtbot, field(dialog, "E-mail", QLineEdit), "desk@harbourside.example")
        type_into(qtbot, field(dialog, "Payment details on invoices", QLineEdit), PAY)
        press(dialog, "Save")
        refusals.extend(errors(dialog))
        assert dialog.isVisible(), "a wrong ABN must keep the dialog open"
        type_into(qtbot, field(dialog, "ABN", QLineEdit), "51 824 753 556")
        open_tab(field(dialog, "Practice settings", QTabWidget), "Funders")
        press(dialog, "Add funder")
        type_into(qtbot, field(dialog, "Funder's name", QLineEdit), "Medicare")
        tick(field(dialog, "Pays late-cancellation and no-show fees", QCheckBox), False)
        press(dialog, "Save")

    with dialogs(fill):
        from_menu(window, "Practice", "Practice settings…")
    assert any("fails the ABN check-digit test" in r for r in refusals), refusals
    settings = data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1))
    assert settings is not None
    assert (settings.legal_name, settings.abn, settings.email) == (
        "Harbourside Allied Health Pty Ltd", "51824753556", "desk@harbourside.example")  # fmt: skip
    assert settings.invoice_payment == PAY
    funders = data.read(
        demo_ctx, lambda orm: [(f.name, f.pays_fees, f.active) for f in orm.scalars(select(Funder))]
    )
    assert funders == [("Medicare", False, True)]

    sid, client_id = _late_private_session(demo_ctx)
    _make_private(demo_ctx, client_id, "Medicare")
    before = data.ids(demo_ctx, ServiceDelivered)
    review: list[str] = []

    def cancel(w: Any) -> None:
        press(w, "The client")
        next_page(w)
        choose(field(w, "Reason"), "Health")
        next_page(w)
        review.append(str(field(w, "Review", QTextBrowser).toPlainText()))
        finish(w)

    with dialogs(cancel):
        from_context_menu(window, sid, "Cancel…")
    (sd,) = data.new_rows(demo_ctx, ServiceDelivered, before)
    assert sd.kind == SdKind.CANCELLATION and sd.session_id == sid and sd.amount_cents > 0
    assert sd.bill_to == "client" and sd.claim_type == ""
    assert "Charged to the client (Medicare does not pay cancellation fees)." in review[0]


def test_an_abn_typed_in_wide_digits_is_saved_and_one_with_a_superscript_is_refused(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """A keyboard set to Japanese types "５１"; a slip of the AltGr key types "²". The first is the
    digits they look like; the second is not a digit, refused with a sentence, not a crash."""
    window = open_window(demo_ctx, "admin")
    refusals: list[str] = []

    def fill(dialog: Any) -> None:
        open_tab(field(dialog, "Practice settings", QTabWidget), "Provider details")
        type_any_script(field(dialog, "ABN", QLineEdit), "51 824 753 55²")
        press(dialog, "Save")
        refusals.extend(errors(dialog))
        assert dialog.isVisible(), "an ABN with a superscript must keep the dialog open"
        type_any_script(field(dialog, "ABN", QLineEdit), "５１ ８２４ ７５３ ５５６")
        type_any_script(
            field(dialog, "NDIS registration number", QLineEdit), "４０５００１２３４５"
        )
        press(dialog, "Save")

    with dialogs(fill):
        from_menu(window, "Practice", "Practice settings…")
    assert refusals == [
        "“51 824 753 55²” is not an ABN: an ABN has 11 digits, like 51 824 753 556."
    ], refusals
    settings = data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1))
    assert settings is not None
    assert (settings.abn, settings.ndis_registration_number) == ("51824753556", "4050012345")


def _funders(ctx: AppContext) -> dict[str, tuple[bool, bool]]:
    """Each funder's name: (pays fees, active)."""
    return data.read(ctx, lambda orm: {f.name: (f.pays_fees, f.active)
                                       for f in orm.scalars(select(Funder))})  # fmt: skip


def _pick_funder(qtbot: Any, dialog: Any, name: str) -> None:
    """Click the funder's line in the Funders tab's list."""
    from PySide6.QtCore import Qt

    open_tab(field(dialog, "Practice settings", QTabWidget), "Funders")
    funders = field(dialog, "Funders")
    [item] = [funders.item(i) for i in range(funders.count())
              if funders.item(i).text().startswith(f"{name} (")]  # fmt: skip
    qtbot.mouseClick(funders.viewport(), Qt.MouseButton.LeftButton,
                     pos=funders.visualItemRect(item).center())  # fmt: skip


def test_practice_settings_saved_over_another_desks_funder_change_keep_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """Another desk deactivates a funder while the settings are open here: saving a change to
    another funder keeps it inactive. A change to that same funder is refused naming it, as a
    setting changed at both desks is: the form then shows that desk's funder beside the other
    changes made here, and the change made again is saved."""
    from app.services.desk import open_desk
    from app.services.setup.funders import FunderDraft, save_funders

    with Orm(demo_ctx.db.engine) as orm:
        medicare, dva = Funder(name="Medicare"), Funder(name="DVA")
        orm.add_all([medicare, dva])
        orm.commit()
        medicare_id = medicare.id
    window = open_window(demo_ctx, "admin")
    other = open_desk(demo_ctx.db, "admin")

    def other_desk(**change: Any) -> None:
        draft = FunderDraft(medicare_id, "Medicare", **change)
        other.write(lambda uow: save_funders(uow, (draft,)))

    def dva_pays(dialog: Any) -> None:
        other_desk(active=False)
        _pick_funder(qtbot, dialog, "DVA")
        tick(field(dialog, "Pays late-cancellation and no-show fees", QCheckBox))
        press(dialog, "Save")
        assert not dialog.isVisible(), f"the settings were not saved: {errors(dialog)}"

    with dialogs(dva_pays):
        from_menu(window, "Practice", "Practice settings…")
    assert _funders(demo_ctx) == {"Medicare": (False, False), "DVA": (True, True)}
    shown: list[Any] = []

    def medicare_pays(dialog: Any) -> None:
        other_desk(active=True)
        _pick_funder(qtbot, dialog, "Medicare")
        tick(field(dialog, "Pays late-cancellation and no-show fees", QCheckBox))
        _pick_funder(qtbot, dialog, "DVA")
        type_into(qtbot, field(dialog, "Funder's name", QLineEdit), "DVA (Veterans)")
        tick(field(dialog, "Pays late-cancellation and no-show fees", QCheckBox), False)
        press(dialog, "Save")
        qtbot.waitUntil(lambda: bool(errors(dialog)), timeout=3000)
        listed = field(dialog, "Funders")
        shown.append((errors(dialog), field(dialog, "Practice settings", QTabWidget).currentIndex(),
                      sorted(listed.item(i).text() for i in range(listed.count())),
                      _funders(demo_ctx)))  # fmt: skip
        _pick_funder(qtbot, dialog, "Medicare")
        assert field(dialog, "Active", QCheckBox).isChecked()
        tick(field(dialog, "Pays late-cancellation and no-show fees", QCheckBox))
        press(dialog, "Save")
        assert not dialog.isVisible(), f"the settings were not saved: {errors(dialog)}"

    with dialogs(medicare_pays):
        from_menu(window, "Practice", "Practice settings…")
    assert shown == [(
        ["Another desk changed the funder “Medicare” while the practice settings were open here, "
         "so nothing was saved. The form now shows that desk's funder “Medicare”, and keeps your "
         "other changes; make your change again and save."],
        2,  # the Funders tab
        ["DVA (Veterans) (client pays fees)", "Medicare (client pays fees)"],
        {"Medicare": (False, True), "DVA": (True, True)},
    )]  # fmt: skip
    assert _funders(demo_ctx) == {"Medicare": (True, True), "DVA (Veterans)": (False, True)}


def _provider(ctx: AppContext) -> tuple[str, str, str, str]:
    """The practice's (name, legal name, address, phone) as saved."""
    s = data.read(ctx, lambda orm: orm.get(PracticeSettings, 1))
    assert s is not None
    return s.name, s.legal_name, s.address, s.phone


def test_practice_settings_saved_write_only_what_was_changed_here(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """Another desk changes the phone and the legal name while the settings are open here: a
    new address and practice name saved here keep that desk's phone; a legal name changed at
    both desks is refused saying so, the form then shows that desk's legal name beside the
    address typed here, and the legal name typed again is saved."""
    from dataclasses import replace

    from app.services.desk import open_desk
    from app.services.setup.settings import practice_settings, save_practice_settings

    window = open_window(demo_ctx, "admin")
    other = open_desk(demo_ctx.db, "admin")

    def other_desk(**change: Any) -> None:
        now = other.read(practice_settings)
        other.write(lambda uow: save_practice_settings(uow, replace(now, **change)))

    def rename(dialog: Any) -> None:
        other_desk(phone="02 9999 0000")
        type_into(qtbot, field(dialog, "Practice name", QLineEdit), "Harbour Therapy")
        open_tab(field(dialog, "Practice settings", QTabWidget), "Provider details")
        type_into(qtbot, field(dialog, "Address", QLineEdit), "1 Quay St, Sydney NSW 2000")
        press(dialog, "Save")
        assert not dialog.isVisible(), f"the settings were not saved: {errors(dialog)}"

    with dialogs(rename):
        from_menu(window, "Practice", "Practice settings…")
    name, legal, address, phone = _provider(demo_ctx)
    assert (name, address, phone) == ("Harbour Therapy", "1 Quay St, Sydney NSW 2000",
                                      "02 9999 0000")  # fmt: skip
    shown: list[Any] = []

    def both(dialog: Any) -> None:
        other_desk(legal_name="Harbour Allied Health Pty Ltd")
        open_tab(field(dialog, "Practice settings", QTabWidget), "Provider details")
        type_into(qtbot, field(dialog, "Legal name", QLineEdit), "Harbour Therapy Pty Ltd")
        type_into(qtbot, field(dialog, "Address", QLineEdit), "2 Quay St, Sydney NSW 2000")
        press(dialog, "Save")
        qtbot.waitUntil(lambda: bool(errors(dialog)), timeout=3000)
        qtbot.waitUntil(lambda: field(dialog, "Legal name", QLineEdit).text()
                        == "Harbour Allied Health Pty Ltd", timeout=3000)  # fmt: skip
        shown.append((errors(dialog), field(dialog, "Address", QLineEdit).text(),
                      _provider(demo_ctx)[1:3]))  # fmt: skip
        type_into(qtbot, field(dialog, "Legal name", QLineEdit), "Harbour Therapy Pty Ltd")
        press(dialog, "Save")
        assert not dialog.isVisible(), f"the settings were not saved: {errors(dialog)}"

    with dialogs(both):
        from_menu(window, "Practice", "Practice settings…")
    assert shown == [(
        ["Another desk changed the legal name while the practice settings were open here, so "
         "nothing was saved. The form now shows that desk's legal name, and keeps your other "
         "changes; make your change again and save."],
        "2 Quay St, Sydney NSW 2000",
        ("Harbour Allied Health Pty Ltd", "1 Quay St, Sydney NSW 2000"),
    )]  # fmt: skip
    assert _provider(demo_ctx) == ("Harbour Therapy", "Harbour Therapy Pty Ltd",
                                   "2 Quay St, Sydney NSW 2000", "02 9999 0000")  # fmt: skip
