"""Quizzes: rules and settings, drawing, attempts, answers, scoring and review.

Records results only; what follows a submission belongs to the learning context.
"""
