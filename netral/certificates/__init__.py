"""Certificates: issued once, numbered, signed, rendered, verified, revoked and re-issued."""
