"""The permits app's forms, one module per concern."""
