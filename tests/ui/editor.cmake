# The code editor widgets.
