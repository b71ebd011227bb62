"""Extract SDs for claiming only claims what the NDIA's portal can take: an NDIS participant's
session booked under a private service's own code (PHYSIO-PRIV, not a support item number) is
left out of the claim file, said on the preview and after the extraction, and stays unextracted."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMenu
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, Client, Service, ServiceDelivered, Session
from app.models.enums import Funding, SdKind
from tests.factory import local
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, field, from_menu, press, type_date
from tests.ui.flows.test_flow_bulk import save_as

LEFT_OUT = (
    "1 SD(s) of NDIS participants under the service code “PHYSIO-PRIV” are left out: it is not "
    "an NDIS support item number (such as 15_055_0128_1_3), so the portal would refuse them. Bill "
    "them another way, and book NDIS participants into a service whose code is its support item "
    "number (Practice ▸ Services…)."
)


def _participant_in_a_private_session(ctx: AppContext) -> int:
    """A March session of the private physiotherapy service, delivered to an NDIS participant
    (booked there by mistake): its delivered SD's id."""

    def move(orm: Any) -> int:
        participant = orm.scalars(
            select(Client).where(Client.funding == Funding.NDIS, Client.ndis_number.is_not(None))
        ).first()
        sd = orm.scalars(
            select(ServiceDelivered)
            .join(Session, Session.id == ServiceDelivered.session_id)
            .join(Service, Service.id == Session.service_id)
            .where(Service.code == "PHYSIO-PRIV", ServiceDelivered.kind == SdKind.DELIVERED,
                   Session.starts_at >= local(2026, 3, 1, 0), Session.starts_at < local(2026, 4, 1, 0))
            .order_by(ServiceDelivered.id)
        ).first()  # fmt: skip
        orm.get(Booking, sd.booking_id).client_id = participant.id
        orm.commit()
        return int(sd.id)

    return data.read(ctx, move)


def test_an_sd_under_a_code_that_is_no_support_item_is_left_out_of_the_claim_and_said(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    sd_id = _participant_in_a_private_session(demo_ctx)
    window = open_window(demo_ctx, "manager")
    from_menu(window, "Reports", "Extract SDs for claiming")
    extraction = window.findChild(QMenu, "reportsMenu").dialogs["reportExtract"]
    type_date(qtbot, field(extraction, "From date"), "1/3/2026")
    type_date(qtbot, field(extraction, "To date"), "31/3/2026")
    press(extraction, "Preview")
    assert LEFT_OUT in extraction.summary.text().splitlines()
    assert sd_id not in {line.sd_id for line in extraction.preview.lines}

    claim = tmp_path / "claim.csv"
    with dialogs(lambda w: press(w, "Yes"), save_as(claim)):
        press(extraction, "Extract to file")
    qtbot.waitUntil(lambda: claim.exists(), timeout=5000)
    assert LEFT_OUT in extraction.status.text().splitlines()
    with claim.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows, "the period's other SDs are claimed"
    item = re.compile(r"\d{2}_(?:\d{3}|\d{9})_\d{4}_\d_\d(?:_T)?")
    assert all(item.fullmatch(r["SupportNumber"]) for r in rows), {r["SupportNumber"] for r in rows}
    assert f"FD-{sd_id}" not in {r["ClaimReference"] for r in rows}
    left = data.read(demo_ctx, lambda orm: orm.get(ServiceDelivered, sd_id))
    assert left.extracted_at is None and left.extraction_batch_id is None
    extraction.close()


NONE_THERE = (
    "There are no SDs for sessions in this period, so there is nothing to claim. Check the dates: "
    "an SD is made when a session is completed, or when a client cancels late or does not attend."
)
ALREADY = (
    "Nothing new to extract: every SD of the period was already extracted. Re-export an earlier "
    "batch by its number if you need its file again."
)


def test_a_period_with_nothing_to_claim_says_why_and_what_to_do(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "manager")
    from_menu(window, "Reports", "Extract SDs for claiming")
    extraction = window.findChild(QMenu, "reportsMenu").dialogs["reportExtract"]
    type_date(qtbot, field(extraction, "From date"), "1/1/2030")  # no sessions at all
    type_date(qtbot, field(extraction, "To date"), "31/1/2030")
    press(extraction, "Preview")
    assert extraction.summary.text() == NONE_THERE
    assert not extraction.extract_button.isEnabled()

    type_date(qtbot, field(extraction, "From date"), "31/3/2026")
    type_date(qtbot, field(extraction, "To date"), "31/3/2026")
    press(extraction, "Preview")
    assert extraction.preview.count > 0
    with dialogs(lambda w: press(w, "Yes"), save_as(tmp_path / "claim.csv")):
        press(extraction, "Extract to file")
    qtbot.waitUntil(lambda: (tmp_path / "claim.csv").exists(), timeout=5000)
    press(extraction, "Preview")  # the same day again: claimed already
    assert extraction.summary.text().splitlines()[0] == ALREADY
    assert not extraction.extract_button.isEnabled()
    extraction.close()
