"""Print… with a preview: the app's own report PDFs, rendered page by page for Qt's printer."""
