"""The pieces of `manage.py bench`: a client that speaks HTTP like the browser does, the
gunicorn it talks to, the terms it searches for, the cases it times and the report."""
