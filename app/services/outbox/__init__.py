"""The durable outbox: sending client email and integration events, retrying, and staff's lists.

Rows are written by the lifecycle services (`app.services.outbox.notify`) in the transaction of the
change; this package sends them later (`send_due`), and lets staff retry failures and tick manual
to-dos (`retry_now`, `tick_done`).
"""

from app.services.outbox.adapters import (
    ADAPTERS,
    Capabilities,
    IntegrationAdapter,
    ManualAdapter,
    NoIntegration,
    WebhookAdapter,
    adapter_for,
)
from app.services.outbox.dto import (
    DeliveryError,
    OutboxCounts,
    OutboxFilter,
    OutboxRow,
    OutgoingMessage,
    PassResult,
)
from app.services.outbox.review import list_outbox, outbox_counts, retry_now, tick_done
from app.services.outbox.sender import (
    claim_batch,
    deliver,
    new_owner,
    record,
    retry_delay,
    send_all_due,
    send_due,
)

__all__ = [
    "ADAPTERS",
    "Capabilities",
    "DeliveryError",
    "IntegrationAdapter",
    "ManualAdapter",
    "NoIntegration",
    "OutboxCounts",
    "OutboxFilter",
    "OutboxRow",
    "OutgoingMessage",
    "PassResult",
    "WebhookAdapter",
    "adapter_for",
    "claim_batch",
    "deliver",
    "list_outbox",
    "new_owner",
    "outbox_counts",
    "record",
    "retry_delay",
    "retry_now",
    "send_all_due",
    "send_due",
    "tick_done",
]
