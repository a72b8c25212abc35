"""Every read a billing page shows, with its joins decided once. One module per concern."""
