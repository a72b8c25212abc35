# Invoices, payments, rebates and maintenance agreements live here.
