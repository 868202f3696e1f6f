# authdeck-cli migrate-tenant on files: the demo tenant copied into a new file exports the same; a taken
# destination, a missing source and a missing option are refused with a message and change nothing.
# Needs the keyring for the demo (packaging/run-tests.sh provides one).
include(${CMAKE_CURRENT_LIST_DIR}/CliCheck.cmake)
set(SOURCE ${WORK}/source.authdeck)
set(COPY ${WORK}/copy.authdeck)

cli(0 out demo --tenant ${SOURCE})
cli(0 out migrate-tenant --from ${SOURCE} --to ${COPY})
expect("${out}" "applications +[1-9][0-9]* rows")
expect("${out}" "tenant_settings +[1-9][0-9]* rows")
expect("${out}" "Copied [0-9]+ rows of [0-9]+ tables \\(schema [0-9]+\\) from ")
expect("${out}" "keyring under the tenant id [0-9a-f-]+, which the copy keeps")
expect("${out}" "On another machine enter the client, integration and action secrets")

# The copy holds the same tenant.
cli(0 out export --tenant ${SOURCE} --output ${WORK}/source-export)
cli(0 out export --tenant ${COPY} --output ${WORK}/copy-export)
file(READ ${WORK}/source-export/tenant.yaml source_yaml)
file(READ ${WORK}/copy-export/tenant.yaml copy_yaml)
if(NOT source_yaml STREQUAL copy_yaml)
    message(FATAL_ERROR "The copy exports otherwise than its source:\n${source_yaml}\n---\n${copy_yaml}")
endif()

# Refusals: nothing written.
file(SHA256 ${COPY} before)
cli(1 out migrate-tenant --from ${SOURCE} --to ${COPY})
expect("${out}" "exists already: a tenant is copied only into a new file. It was left as it is.")
file(SHA256 ${COPY} after)
if(NOT before STREQUAL after)
    message(FATAL_ERROR "A refused copy changed the destination")
endif()
cli(1 out migrate-tenant --from ${WORK}/missing.authdeck --to ${WORK}/other.authdeck)
expect("${out}" "There is no tenant file")
if(EXISTS ${WORK}/missing.authdeck OR EXISTS ${WORK}/other.authdeck)
    message(FATAL_ERROR "A refused copy left a file behind")
endif()
cli(2 out migrate-tenant --from ${SOURCE})
expect("${out}" "migrate-tenant needs --from <path\\|url> and --to <path\\|url>")
