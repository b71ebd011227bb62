"""One module per scenario; each runs in a fresh process and prints one BENCH-RESULT line."""
