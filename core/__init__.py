"""The shared vocabulary beneath etl (writes) and analytics (reads): units, indicators, numbers, text, problems.

Also the audit log, translations, settings, findings and paths. Nothing here imports etl, analytics or
streamlit, so both sides can build on it without reaching into each other."""
