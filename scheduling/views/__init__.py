"""The scheduling app's pages, one module per page or panel; `scheduling/urls.py` names each view by its module."""
