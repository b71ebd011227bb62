"""Users, workers, clients, services, locations and the practice's settings."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, false, func, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, str_enum
from app.models.enums import (
    BillingProfile,
    ClearDayCounting,
    Funding,
    IntegrationKind,
    NdisManagement,
    Role,
    ServiceUnit,
)


class User(Base):
    """A local account; every action is attributed to one."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Worker(Base):
    """A practitioner or support worker."""

    __tablename__ = "workers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    skills: Mapped[str] = mapped_column(String(255), default="")
    colour: Mapped[str] = mapped_column(String(9), default="#4a90d9")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    hours: Mapped[list[WorkingHours]] = relationship(
        back_populates="worker", cascade="all, delete-orphan", order_by="WorkingHours.weekday"
    )


class WorkingHours(Base):
    """One working window of a worker on a weekday (0 = Monday), in local minutes of the day."""

    __tablename__ = "working_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)

    worker: Mapped[Worker] = relationship(back_populates="hours")


class Client(Base):
    """A patient or participant."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80), index=True)
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    notify_consent: Mapped[bool] = mapped_column(Boolean, default=True)
    funding: Mapped[Funding] = mapped_column(str_enum(Funding), default=Funding.PRIVATE)
    ndis_number: Mapped[str | None] = mapped_column(String(20))
    # Who manages an NDIS participant's plan (schema 0019); an agency-managed plan is claimed.
    ndis_management: Mapped[NdisManagement] = mapped_column(
        str_enum(NdisManagement), default=NdisManagement.AGENCY, server_default="agency"
    )
    # A plan-managed participant's plan manager: the business their invoices are addressed to
    # and the address they take invoices at (schema 0021; '' until the desk sets them).
    plan_manager: Mapped[str] = mapped_column(String(120), default="", server_default="")
    plan_manager_email: Mapped[str] = mapped_column(String(200), default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The insurer or scheme a private client's sessions are billed to (Medicare, DVA, a health
    # fund…); None: the client pays. A plain id (schema 0008 adds it in place).
    funder_id: Mapped[int | None] = mapped_column(Integer)
    # The client asked not to be texted (replied STOP, or told the desk): texts stop, e-mails do
    # not (`notify_consent` is the consent to be contacted at all). Schema 0014.
    sms_opt_out: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sms_opt_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Service(Base):
    """An appointment type or NDIS support item."""

    __tablename__ = "services"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    price_cents: Mapped[int] = mapped_column(Integer)
    unit: Mapped[ServiceUnit] = mapped_column(str_enum(ServiceUnit), default=ServiceUnit.HOUR)
    default_minutes: Mapped[int] = mapped_column(Integer, default=60)
    allows_cancellation_charge: Mapped[bool] = mapped_column(Boolean, default=True)
    support_worker_pricing: Mapped[bool] = mapped_column(Boolean, default=False)
    gst_code: Mapped[str] = mapped_column(String(4), default="P2")
    # The skill a worker needs to deliver it (one of a worker's comma-separated skills); "" = any.
    skill: Mapped[str] = mapped_column(String(80), default="", server_default="")
    colour: Mapped[str] = mapped_column(String(9), default="#6aa84f")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Location(Base):
    """Where a session happens."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    address: Mapped[str] = mapped_column(String(255), default="")


class Funder(Base):
    """An insurer or scheme that pays for private clients' sessions, and whether it pays fees."""

    __tablename__ = "funders"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # False: this funder never pays a late-cancellation or no-show fee; the client is charged.
    pays_fees: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class PracticeSettings(Base):
    """The practice-wide settings: one row, id 1."""

    __tablename__ = "practice_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    time_zone: Mapped[str] = mapped_column(String(64), default="Australia/Sydney")
    country: Mapped[str] = mapped_column(String(2), default="AU")
    subdivision: Mapped[str | None] = mapped_column(String(8), default="NSW")
    clear_day_counting: Mapped[ClearDayCounting] = mapped_column(
        str_enum(ClearDayCounting), default=ClearDayCounting.EXCLUSIVE
    )
    billing_profile: Mapped[BillingProfile] = mapped_column(
        str_enum(BillingProfile), default=BillingProfile.NDIS
    )
    ndis_registration_number: Mapped[str] = mapped_column(String(20), default="")
    # Provider details printed on PDFs and e-mails and written into the NDIS claim file.
    legal_name: Mapped[str] = mapped_column(String(160), default="", server_default="")
    abn: Mapped[str] = mapped_column(String(14), default="", server_default="")
    address: Mapped[str] = mapped_column(String(255), default="", server_default="")
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    email: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # How to pay the practice, printed on its invoices (bank details, a payment link).
    invoice_payment: Mapped[str] = mapped_column(String(255), default="", server_default="")
    paper_size: Mapped[str] = mapped_column(String(8), default="A4")
    frequent_canceller_count: Mapped[int] = mapped_column(Integer, default=3)
    frequent_canceller_weeks: Mapped[int] = mapped_column(Integer, default=8)
    idle_logoff_minutes: Mapped[int] = mapped_column(Integer, default=15)
    single_user_mode: Mapped[bool] = mapped_column(Boolean, default=False)
    reason_in_email: Mapped[bool] = mapped_column(Boolean, default=False)
    # Client messages wait this long before they may go, so an undo can still withdraw them.
    message_grace_minutes: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    # The cancellation e-mail states the fee charged and why.
    fee_in_email: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    integration_kind: Mapped[IntegrationKind] = mapped_column(
        str_enum(IntegrationKind), default=IntegrationKind.NONE
    )
    # Adapter and SMTP settings, free-form so a new adapter needs no migration.
    integration_config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    smtp_config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The practice's language and region (dates, numbers) and the currency its fees are in.
    locale: Mapped[str] = mapped_column(String(16), default="en_AU", server_default="en_AU")
    currency: Mapped[str] = mapped_column(String(3), default="AUD", server_default="AUD")
    # Makes calendar UIDs unique across practices; set once when the practice is made.
    practice_uid: Mapped[str] = mapped_column(
        String(36), default=lambda: str(uuid.uuid4()), server_default=""
    )
    # How clients are named on workers' calendars: "initials", "client" or "full".
    calendar_client_names: Mapped[str] = mapped_column(
        String(12), default="initials", server_default="initials"
    )
    # The live calendar feed (CalDAV) settings, free-form like the SMTP settings.
    calendar_feed_config: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=dict)
    # The SMS gateway: which one, its account (the key sealed like the SMTP password), the
    # sender name, and the gap between waitlist offers.
    sms_config: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=dict)


# A code or name is one whatever its case ("PT1" is "pt1"): the set-up screens say so first, the
# database refuses the second of two desks saving at the same moment.
Index("uq_services_code_any_case", func.lower(Service.code), unique=True)
Index("uq_locations_name_any_case", func.lower(Location.name), unique=True)
Index("uq_funders_name_any_case", func.lower(Funder.name), unique=True)
Index("uq_workers_name_any_case", func.lower(Worker.name), unique=True)
