"""Site administration."""
