"""Practice set-up screens: clients, workers, services, locations, reasons and rules, settings,
sessions, the waitlist and CSV import; `install_setup` puts them in the main window."""
