"""The session dialogs of SPEC section 2: they fill drafts and show the services' sentences;
the controller runs each one service off the GUI thread."""
