"""One session's operations: cancel (one writer for one or many), undo, did-not-attend and
complete, delete, scheduling, replacement choices, the refilled-place rule."""
