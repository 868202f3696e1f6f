# Runs authdeck --screenshots and checks that every page and dialog was written in both looks.
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${AUTHDECK}" --screenshots "${OUT}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "authdeck --screenshots failed (${rc}): ${err}")
endif()
set(expected getting-started applications application-quickstart application-settings tenant-settings
    create-application-dialog delete-application-dialog actions-library actions-catalog integration
    consent-dialog configure-integration-dialog send-test-sms-dialog test-phone actions-flows flow-editor multi-factor phone-message try-login users logs
    actions-library-custom custom-action create-action-dialog version-history-dialog about-dialog
    export-tenant-dialog export-tenant-dialog-written import-tenant-dialog import-tenant-dialog-refused
    open-tenant-dialog open-tenant-dialog-postgres)
foreach(name IN LISTS expected)
    foreach(look light dark)
        set(file "${OUT}/${name}-${look}.png")
        if(NOT EXISTS "${file}")
            message(FATAL_ERROR "missing ${file}")
        endif()
        file(SIZE "${file}" size)
        if(size LESS 5000)
            message(FATAL_ERROR "${file} is only ${size} bytes: nothing was rendered")
        endif()
    endforeach()
endforeach()
