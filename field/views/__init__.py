"""The field app's pages, one module per page or panel; `field/urls.py` names each view by its module."""
