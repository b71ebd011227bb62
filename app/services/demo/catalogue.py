"""The demo practice's fixed catalogue, read by the generator and by anything that needs to
know the demo's make-up (the screenshots, the benchmarks' name pool): the practice's name and
time zone (Sydney), its eight workers with their skills and colours, the nine NDIS and private
services each worker delivers, the skill each service needs, and the first and last names its
sixty clients are made from."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from app.models.enums import NdisManagement, ServiceUnit

PRACTICE_NAME = "Harbourside Allied Health"
# What its invoices print (a valid ABN by its check digit; made-up bank details).
LEGAL_NAME, ABN = "Harbourside Allied Health Pty Ltd", "51824753556"
INVOICE_PAYMENT = "Bank transfer to BSB 062-000, account 1234 5678; quote the invoice number"
# Clients (by their place in the list) whose NDIS plan is managed other than by the agency: a
# plan-managed participant invoiced to their plan manager, a self-managed one invoiced to them.
MANAGED = {34: NdisManagement.PLAN, 35: NdisManagement.SELF}
# The plan manager of the plan-managed one: the business, and where it takes invoices.
PLAN_MANAGER = ("Harbour Plan Partners", "invoices@harbourplan.example")
TZ = ZoneInfo("Australia/Sydney")

WORKERS = [
    ("Dr Maya Chen", "physiotherapy", "#3b82c4"),
    ("Liam O'Connor", "occupational therapy", "#2f9e8f"),
    ("Priya Raman", "psychology", "#8e6cc0"),
    ("Tom Nguyen", "speech pathology", "#d9822b"),
    ("Grace Walker", "support work, community access", "#5b9a3c"),
    ("Ahmed Haddad", "support work, personal care", "#c2544d"),
    ("Sophie Martin", "clinical pilates, physiotherapy", "#c0a030"),
    ("Jack Robinson", "support work, groups", "#4d7ea8"),
]
# (code, name, price cents, unit, minutes, allows charge, support-worker pricing, worker index)
SERVICES = [
    ("15_055_0128_1_3", "Physiotherapy (NDIS)", 19399, ServiceUnit.HOUR, 60, True, False, 0),
    ("15_056_0128_1_3", "Occupational therapy (NDIS)", 19399, ServiceUnit.HOUR, 60, True, False, 1),
    ("15_054_0128_1_3", "Psychology (NDIS)", 23483, ServiceUnit.HOUR, 60, True, False, 2),
    ("15_617_0128_1_3", "Speech pathology (NDIS)", 19399, ServiceUnit.HOUR, 45, True, False, 3),
    (
        "04_104_0125_6_1",
        "Community access, weekday daytime",
        7023,
        ServiceUnit.HOUR,
        120,
        True,
        True,
        4,
    ),
    (
        "01_011_0107_1_1",
        "Self-care assistance, weekday daytime",
        7023,
        ServiceUnit.HOUR,
        90,
        True,
        True,
        5,
    ),
    ("04_102_0136_6_1", "Group community activity 1:4", 2341, ServiceUnit.HOUR, 120, True, True, 7),
    (
        "PHYSIO-PRIV",
        "Physiotherapy consultation (private)",
        11000,
        ServiceUnit.EACH,
        45,
        True,
        False,
        6,
    ),
    ("PILATES-CLS", "Clinical pilates class", 3500, ServiceUnit.EACH, 60, False, False, 6),
]
# The skill each service needs (one of the workers' skills above), by code.
SERVICE_SKILL = {
    "15_055_0128_1_3": "physiotherapy",
    "15_056_0128_1_3": "occupational therapy",
    "15_054_0128_1_3": "psychology",
    "15_617_0128_1_3": "speech pathology",
    "04_104_0125_6_1": "community access",
    "01_011_0107_1_1": "personal care",
    "04_102_0136_6_1": "groups",
    "PHYSIO-PRIV": "physiotherapy",
    "PILATES-CLS": "clinical pilates",
}
FIRST = [
    "Olivia",
    "Noah",
    "Charlotte",
    "Oliver",
    "Amelia",
    "Jack",
    "Isla",
    "William",
    "Mia",
    "Leo",
    "Ava",
    "Henry",
    "Grace",
    "Lucas",
    "Chloe",
    "Thomas",
    "Zoe",
    "James",
    "Ruby",
    "Ethan",
]
LAST = [
    "Smith",
    "Jones",
    "Williams",
    "Brown",
    "Wilson",
    "Taylor",
    "Nguyen",
    "Johnson",
    "Martin",
    "White",
    "Anderson",
    "Thompson",
    "Lee",
    "Walker",
    "Harris",
    "Ryan",
    "Kelly",
    "Singh",
    "Tran",
    "Clarke",
]
