"""Text messages (SMS): the gateway and its settings, reminders, clients' replies and waitlist
offers. Messages to clients go through the outbox (channel SMS); replies are fetched by the
outbox loop. Import the modules themselves (`app.services.sms.numbers`, `.settings`, …)."""
