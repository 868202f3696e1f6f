# The code editor and its companions (highlighting, find, diff), used by the custom action pages.
target_sources(ui PRIVATE
)
