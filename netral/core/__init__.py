"""What every context shares: settings, dates, NIP, refusals, domain values, audit, agency settings, exports.

Imports nothing from the other contexts.
"""
