"""Dialogs of SPEC section 2: they fill drafts and show service messages; they never touch the database."""
