"""The start path and the composition: the application, the first week, sign-in, the main
window and the one place its parts are wired together."""
