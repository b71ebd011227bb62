"""Lists of ids in one parameter find the same rows as a written-out IN list, on both databases."""

from __future__ import annotations

from sqlalchemy import select

from app.models import CancellationReason
from app.services.rows import id_list, ids_param
from tests.factory import World

_BY_NAMED_LIST = (
    select(CancellationReason.id)
    .where(CancellationReason.id.in_(ids_param("ids")))
    .order_by(CancellationReason.id)
)


def test_a_list_of_ids_finds_exactly_those_rows(world: World) -> None:
    every = world.read(
        lambda uow: list(uow.session.scalars(select(CancellationReason.id).order_by("id")))
    )
    assert len(every) >= 4
    some = every[1:4]
    missing = [max(every) + 1, max(every) + 1000]
    # A closure's thousands of ids, the same id twice, ids that name nothing, none at all.
    asks = [some, [*some, some[0]], [*some, *missing], [], missing, every + list(range(-3000, 0))]
    for ask in asks:
        expected = sorted(set(ask) & set(every))
        named = world.read(
            lambda uow, ask=ask: list(uow.session.scalars(_BY_NAMED_LIST, {"ids": ask}))
        )
        given = world.read(lambda uow, ask=ask: list(uow.session.scalars(
            select(CancellationReason.id).where(CancellationReason.id.in_(id_list(ask)))
            .order_by(CancellationReason.id))))  # fmt: skip
        assert named == expected
        assert given == expected
