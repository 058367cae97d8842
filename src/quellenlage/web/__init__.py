"""The web UI and REST API (``quellenlage serve``): a thin ASGI shell over the archive.

Pages are rendered on the server and work without JavaScript; every citation is a link to
the article with exactly its characters highlighted. ``create_app`` builds the app.
"""
