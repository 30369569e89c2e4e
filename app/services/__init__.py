"""Services hold the rules. They take the session, catalogue and user as arguments, never
reach for ``request`` or ``current_user``, and flush rather than commit."""
