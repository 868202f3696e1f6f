# Suites of the plivo room.
