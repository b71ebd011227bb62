"""The practice's clinical records kept on a session: its note, written, edited and finalized."""
