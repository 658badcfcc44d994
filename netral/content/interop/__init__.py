"""Question files from and for other tools: Moodle GIFT, Aiken, and an Excel template."""
