"""billing's forms, one module per concern."""
