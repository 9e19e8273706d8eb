"""The corpus of messy province reports (make.py writes them)."""
