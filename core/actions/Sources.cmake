# Sources of the actions room: the integration catalog and installed integrations.
target_sources(core PRIVATE
)
