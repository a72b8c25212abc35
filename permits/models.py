# Permits, inspections, HERS verification and Title 24 paperwork live here.
