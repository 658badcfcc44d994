"""Paper HR hands out (A4 PDF, Indonesian): password slips, letters per perangkat daerah, the cycle report for the PPK."""
