"""Bulk cancellation: the plan, the durable job run in batches, its CSV audit, and its undo."""
