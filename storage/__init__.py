"""Storage: SQLModel tables, the database and its migrations, and the repository functions
that screens call. Nothing here imports Textual.

Importing this package is cheap; the modules that pull in SQLAlchemy are imported by name
(`storage.database`, `storage.cases`, ...) from worker threads, after the first screen is up.
"""
