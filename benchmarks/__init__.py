"""Benchmarks: run by hand (`./tasks.sh bench`), never as timed tests."""
