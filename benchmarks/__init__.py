"""FrontDesk benchmarks: a large-practice data generator and timed scenarios against floors."""
