"""housing-tui: casework for a council's Housing Options officers.

This package holds the app shell (App class, CLI) and the domain: pure-Python rules with
no Textual and no SQL in them, so they can be tested and reused without a screen or a database.
"""

__version__ = "0.1.0"
