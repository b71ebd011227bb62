"""The append-only, signed audit chain: writing it, its key, checkpoints and verification."""
