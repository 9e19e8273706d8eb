"""National-scale benchmark (python -m bench.run); never run as a test."""
