"""A session's clinical records in the window: its note (write, save, finalize)."""
