"""Read side: queries on the warehouse, charts, formatting and the shared page frame."""
