# Sources of the plivo room: the REST client, SMS text rules, delivery tracking and the local sandbox.
target_sources(core PRIVATE
)
