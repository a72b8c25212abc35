"""Every write of billing. One module per concern; the public functions are re-exported here."""
