# Sources of the runtime room: custom actions on a persistent Node.js worker.
target_sources(core PRIVATE
)
