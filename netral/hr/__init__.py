"""What HR reads: completion, misconceptions, item analysis and reports (no writes but HR's own settings)."""
