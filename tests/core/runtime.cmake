# Suites of the runtime room: the Node.js worker that runs custom actions.
