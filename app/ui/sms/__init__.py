"""Text messages on the desk: the SMS gateway's settings, reminder rules, the Replies queue."""
