# Suites of the actions room.
