"""The large-practice generator's parts: storage helpers, people, the roster, the history."""
