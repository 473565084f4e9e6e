"""Several app hosts behind a load balancer, one PostgreSQL: `manage.py loadtest`."""
