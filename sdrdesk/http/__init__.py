"""The HTTP service (``sdrdesk intake serve``): Starlette on Uvicorn, between the command
line and the services. It never imports the window (Qt)."""
