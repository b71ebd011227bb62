"""Files that keep the practice safe: backups, atomic restore, the desk lock, key files,
encrypted secrets, and exports that never replace what they should not."""
