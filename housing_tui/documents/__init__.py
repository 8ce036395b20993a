"""Documents: Personal Housing Plans, written advice and duty letters rendered from the Markdown
templates in templates/ (a council may replace any of them from its data folder)."""
