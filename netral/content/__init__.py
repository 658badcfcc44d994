"""What is taught and asked: the question bank as data, question files from other tools, the pakta text."""
