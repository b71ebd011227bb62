"""Setting up a practice: clients, workers, services, locations, reasons and rules, settings,
sessions, the waitlist and CSV import. Verb-first functions over a unit of work (no Qt)."""
