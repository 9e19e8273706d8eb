"""Write side: builds the DuckDB warehouse from unit lists, the indicator catalogue and province reports."""
