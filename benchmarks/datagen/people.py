"""The practice's people and catalogue: desk users, workers with hours, services, clients.

A large allied-health practice in Sydney: clinicians (NDIS and private individual sessions),
support workers (long NDIS community sessions), group facilitators (1:4 NDIS groups) and
class instructors (private classes paid with credits).
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from app.services.demo.catalogue import FIRST as DEMO_FIRST
from app.services.demo.catalogue import LAST as DEMO_LAST
from benchmarks.datagen.store import bulk_insert, ts

CLINIC, SUPPORT, GROUP, CLASS = "clinic", "support", "group", "class"
# 13 clinicians, 3 support workers, 2 group facilitators, 2 instructors per 20 workers; the
# first four are one of each, so even a tiny practice has every kind of session.
KIND_CYCLE = (
    CLINIC, SUPPORT, GROUP, CLASS, CLINIC, CLINIC, CLINIC, SUPPORT, CLINIC, CLINIC,
    CLINIC, GROUP, CLINIC, CLINIC, SUPPORT, CLINIC, CLASS, CLINIC, CLINIC, CLINIC,
)  # fmt: skip


@dataclass(frozen=True)
class ServiceDef:
    code: str
    name: str
    price_cents: int
    hourly: bool
    minutes: int
    allows_charge: bool = True
    support_pricing: bool = False
    colour: str = "#6aa84f"

    @property
    def ndis(self) -> bool:
        return self.code[0].isdigit()


# (discipline, NDIS item, private consultation)
DISCIPLINES = (
    ("physiotherapy",
     ServiceDef("15_055_0128_1_3", "Physiotherapy (NDIS)", 19399, True, 60, colour="#3b82c4"),
     ServiceDef("PHYSIO-PRIV", "Physiotherapy consultation", 11000, False, 45, colour="#5f9bd1")),
    ("occupational therapy",
     ServiceDef("15_056_0128_1_3", "Occupational therapy (NDIS)", 19399, True, 60, colour="#2f9e8f"),
     ServiceDef("OT-PRIV", "Occupational therapy consultation", 12000, False, 60, colour="#55b3a6")),
    ("psychology",
     ServiceDef("15_054_0128_1_3", "Psychology (NDIS)", 23483, True, 60, colour="#8e6cc0"),
     ServiceDef("PSYCH-PRIV", "Psychology consultation", 22000, False, 50, colour="#a58bd0")),
    ("speech pathology",
     ServiceDef("15_617_0128_1_3", "Speech pathology (NDIS)", 19399, True, 45, colour="#d9822b"),
     ServiceDef("SPEECH-PRIV", "Speech pathology consultation", 11500, False, 45, colour="#e39f5a")),
    ("dietetics",
     ServiceDef("15_062_0128_3_3", "Dietetics (NDIS)", 19399, True, 45, colour="#c0a030"),
     ServiceDef("DIET-PRIV", "Dietetics consultation", 9500, False, 45, colour="#d1b95c")),
)  # fmt: skip
SUPPORT_SERVICES = (
    ServiceDef("04_104_0125_6_1", "Community access, weekday daytime", 7023, True, 120,
               support_pricing=True, colour="#5b9a3c"),
    ServiceDef("01_011_0107_1_1", "Self-care assistance, weekday daytime", 7023, True, 90,
               support_pricing=True, colour="#c2544d"),
)  # fmt: skip
GROUP_SERVICE = ServiceDef(
    "04_102_0136_6_1", "Group community activity 1:4", 2341, True, 120, True, True, "#4d7ea8"
)
CLASS_SERVICES = (
    ServiceDef("PILATES-CLS", "Clinical pilates class", 3500, False, 60, False, colour="#b5651d"),
    ServiceDef("HYDRO-CLS", "Hydrotherapy class", 4000, False, 60, False, colour="#1d8fb5"),
)
LOCATIONS = (
    ("Harbourside clinic", "12 Wharf St, Pyrmont NSW 2009"),
    ("Parramatta clinic", "88 Church St, Parramatta NSW 2150"),
    ("Community (client's home)", ""),
    ("Aquatic centre", "1 Pool Rd, Ryde NSW 2112"),
)
FIRST = [
    *DEMO_FIRST,
    "Sophie",
    "Max",
    "Ella",
    "Hugo",
    "Lily",
    "Archie",
    "Harper",
    "Oscar",
    "Evie",
    "Liam",
    "Aisha",
    "Mohammed",
    "Priya",
    "Arjun",
    "Mei",
    "Wei",
    "Hana",
    "Kenji",
    "Sofia",
    "Mateo",
    "Fatima",
    "Omar",
    "Ngoc",
    "Minh",
    "Linh",
    "Duc",
    "Anh",
    "Siobhan",
    "Declan",
    "Aroha",
    "Tane",
    "Layla",
    "Zara",
    "Ibrahim",
    "Yusuf",
    "Chen",
    "Jia",
    "Ravi",
    "Anjali",
    "Elena",
    "Luca",
]
LAST = [
    *DEMO_LAST,
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Campbell",
    "Mitchell",
    "Roberts",
    "Patel",
    "Kumar",
    "Wang",
    "Zhang",
    "Li",
    "Chen",
    "Ho",
    "Haddad",
    "Khoury",
    "Rossi",
    "Russo",
    "Papadopoulos",
    "Murphy",
    "O'Brien",
    "McDonald",
    "Robinson",
    "Young",
    "Hall",
    "Allen",
    "Morris",
    "Cooper",
    "Ward",
    "Evans",
    "Hughes",
    "Edwards",
    "Nguyễn",
    "Trần",
    "Phạm",
    "Lê",
    "Đặng",
    "Huỳnh",
]


@dataclass
class WorkerDef:
    id: int
    name: str
    kind: str
    discipline: int  # index into DISCIPLINES (clinicians), SUPPORT_SERVICES or CLASS_SERVICES
    location_id: int
    saturday: bool
    left_after_days: int | None = None  # former staff: inactive now, sessions until they left


@dataclass
class ClientDef:
    id: int
    name: str
    first_name: str
    email: str | None
    consent: bool
    funding: str  # ndis | private | insurance
    home: str  # which kind of worker sees them
    discipline: int


@dataclass
class Catalogue:
    """Ids of everything the roster and the history refer to."""

    workers: list[WorkerDef]
    clients: list[ClientDef]
    service_ids: dict[str, int]  # code → id
    services: dict[str, ServiceDef]
    users: list[tuple[int, str]]  # (id, username) of desk users
    pools: dict[tuple[str, int], list[ClientDef]] = field(default_factory=dict)


def _workers(n: int, rng: random.Random) -> list[WorkerDef]:
    """`n` current workers, then one former clinician per ten who left in the first two years."""
    out = []
    counters = {CLINIC: 0, SUPPORT: 0, GROUP: 0, CLASS: 0}
    for i in range(n):
        kind = KIND_CYCLE[i % len(KIND_CYCLE)]
        k = counters[kind]
        counters[kind] += 1
        first, last = FIRST[(i * 7) % len(FIRST)], LAST[(i * 11 + 3) % (len(LAST) - 6)]
        title = "Dr " if kind == CLINIC and k % 5 == 2 else ""
        span = {CLINIC: len(DISCIPLINES), SUPPORT: len(SUPPORT_SERVICES), CLASS: 2}.get(kind, 1)
        out.append(
            WorkerDef(
                id=i + 1,
                name=f"{title}{first} {last}" + (f" {i // 60 + 1}" if i >= 60 else ""),
                kind=kind,
                discipline=k % span,
                location_id=3 if kind == SUPPORT else (4 if kind == CLASS and k % 2 else 1 + i % 2),
                saturday=kind == CLASS or (kind == CLINIC and rng.random() < 0.7),
            )
        )
    for k in range(max(1, n // 10)):
        i = n + k
        out.append(
            WorkerDef(
                id=i + 1,
                name=f"{FIRST[(i * 13) % len(FIRST)]} {LAST[(i * 5 + 1) % (len(LAST) - 6)]}",
                kind=CLINIC,
                discipline=k % len(DISCIPLINES),
                location_id=1 + k % 2,
                saturday=False,
                left_after_days=rng.randint(150, 700),
            )
        )
    return out


def _clients(n: int, rng: random.Random) -> list[ClientDef]:
    out = []
    for i in range(n):
        roll = rng.random()
        home = (
            CLINIC if roll < 0.64 else SUPPORT if roll < 0.74 else GROUP if roll < 0.84 else CLASS
        )
        if home in (SUPPORT, GROUP):
            funding = "ndis"
        elif home == CLASS:
            funding = "private" if rng.random() < 0.85 else "ndis"
        else:
            f = rng.random()
            funding = "ndis" if f < 0.58 else "private" if f < 0.9 else "insurance"
        first = rng.choice(FIRST)
        last = rng.choice(LAST)
        email = None if rng.random() < 0.08 else f"{first.lower()}.{i}@mail.example"
        out.append(
            ClientDef(
                id=i + 1,
                name=f"{first} {last}",
                first_name=first,
                email=email,
                consent=rng.random() > 0.05,
                funding=funding,
                home=home,
                discipline=rng.randrange(
                    {CLINIC: len(DISCIPLINES), SUPPORT: len(SUPPORT_SERVICES), CLASS: 2}.get(
                        home, 1
                    )
                ),
            )
        )
    return out


def _all_services() -> list[ServiceDef]:
    found = [s for _, ndis, private in DISCIPLINES for s in (ndis, private)]
    return found + [*SUPPORT_SERVICES, GROUP_SERVICE, *CLASS_SERVICES]


def load_people(
    conn: sqlite3.Connection,
    workers: int,
    clients: int,
    rng: random.Random,
    at: datetime,
    password_hash: str,
) -> Catalogue:
    """Insert desk users, locations, workers with hours, services and clients."""
    users = [(1, "admin")]
    user_rows = []
    for i, (username, full, role) in enumerate(
        (
            ("manager", "Practice manager", "manager"),
            ("reception1", "Front desk (Pyrmont)", "reception"),
            ("reception2", "Front desk (Pyrmont, late)", "reception"),
            ("reception3", "Front desk (Parramatta)", "reception"),
            ("reception4", "Front desk (relief)", "reception"),
        ),
        start=2,
    ):
        users.append((i, username))
        user_rows.append((i, username, full, role, password_hash, 1, 0, None, ts(at)))
    bulk_insert(conn, "users", user_rows)
    bulk_insert(conn, "locations", [(i, n, a) for i, (n, a) in enumerate(LOCATIONS, start=1)])
    wdefs = _workers(workers, rng)
    bulk_insert(
        conn,
        "workers",
        [
            (w.id, w.name, f"worker{w.id}@practice.example", f"02 9{w.id:03d} 0000",
             _skills(w), _colour(w), int(w.left_after_days is None))
            for w in wdefs
        ],
    )  # fmt: skip
    hours = []
    for w in wdefs:
        days = range(6) if w.saturday else range(5)
        start, end = (7 * 60, 20 * 60) if w.kind in (CLASS, CLINIC) else (8 * 60, 18 * 60)
        hours += [(None, w.id, d, start, end) for d in days]
    bulk_insert(conn, "working_hours", hours)
    services = _all_services()
    service_ids = {s.code: i for i, s in enumerate(services, start=1)}
    bulk_insert(
        conn,
        "services",
        [
            (service_ids[s.code], s.code, s.name, s.price_cents, "hour" if s.hourly else "each",
             s.minutes, int(s.allows_charge), int(s.support_pricing),
             "P2" if s.hourly else "P1", s.colour, 1, "")
            for s in services
        ],
    )  # fmt: skip
    cdefs = _clients(clients, rng)
    bulk_insert(conn, "clients", [_client_row(c, rng) for c in cdefs])
    cat = Catalogue(wdefs, cdefs, service_ids, {s.code: s for s in services}, users)
    for c in cdefs:
        cat.pools.setdefault((c.home, c.discipline), []).append(c)
    return cat


def _skills(w: WorkerDef) -> str:
    if w.kind == CLINIC:
        return DISCIPLINES[w.discipline][0]
    return {SUPPORT: "support work, community access", GROUP: "support work, groups"}.get(
        w.kind, "clinical pilates, hydrotherapy"
    )


def _colour(w: WorkerDef) -> str:
    palette = ("#3b82c4", "#2f9e8f", "#8e6cc0", "#d9822b", "#5b9a3c", "#c2544d", "#c0a030")
    return palette[w.id % len(palette)]


def _client_row(c: ClientDef, rng: random.Random) -> tuple[object, ...]:
    first, _, last = c.name.partition(" ")
    ndis_number = f"43{rng.randrange(10**6, 10**7)}" if c.funding == "ndis" else None
    return (
        c.id, first, last, c.email, f"04{rng.randrange(10**7, 10**8)}", int(c.consent),
        c.funding, ndis_number, "agency", "", "",  # an NDIS plan claimed: no plan manager
        "", 1, None,  # no notes, active, no funder
        0, None,  # not opted out of texts
    )  # fmt: skip
