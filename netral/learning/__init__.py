"""The learning path: modules, exam, pakta; and what happens when an attempt is submitted."""
