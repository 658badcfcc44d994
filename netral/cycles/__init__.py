"""Election cycles (siklus): a campaign's dates, cohort and path; the reminders each one sends."""
