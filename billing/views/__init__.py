"""billing's pages, one module per page or panel; urls.py names each view by its module."""
