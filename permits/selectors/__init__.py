"""Every read a permits page shows, with its joins decided once. One module per concern."""
