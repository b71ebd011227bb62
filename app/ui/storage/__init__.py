"""Keeping the practice safe from the window: back up now, restore from a backup."""
