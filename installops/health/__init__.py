"""Is the deployment working: the checks behind the load balancer's probe and the office's status page.

The probe (`installops:health`) asks only what one web instance needs to serve a page: PostgreSQL
and Redis. The status page (`installops:system_status`) adds what the office relies on behind the
pages: file storage, a worker on each queue (its heartbeat) and the beat scheduler (its last run).
A stale worker or beat must not take web instances out of rotation: every instance would fail at once.
"""
