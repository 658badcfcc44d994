"""Sosialisasi: the face-to-face event, attendance by rotating QR, the live quiz on the projector, the report."""
