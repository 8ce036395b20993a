"""Documents: Personal Housing Plans, written advice, duty letters and money documents, made as
Word documents from the templates in templates/ (a council may replace any of them from its data
folder; docs/letters.md)."""
