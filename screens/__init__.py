"""Textual screens, widgets and the app stylesheet. No SQL and no business rules here:
screens call the domain (`housing_tui`) and the repository functions (`storage`)."""
