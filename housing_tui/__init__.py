"""housing-tui: casework for a council's Housing Options officers.

The app shell sits at the top of this package (`__main__`, `cli`, `app`, `startup`,
`sync_command`, `settings`, `error_log`); the domain sits below it in one sub-package per area
(`casework`, `prevention`, `money`, `calendar`, `documents`, `reference`): pure-Python rules with
no Textual and no SQL in them, so they can be tested and reused without a screen or a database.
The arrows are checked by `lint-imports` (pyproject.toml).
"""

__version__ = "0.1.0"
