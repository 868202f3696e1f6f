# Sources of the actions room: the integration catalog and installed integrations.
# Paths are relative to this file (target_sources resolves plain names from core/).
target_sources(core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/Integration.h
    ${CMAKE_CURRENT_LIST_DIR}/IntegrationCatalog.cpp ${CMAKE_CURRENT_LIST_DIR}/IntegrationCatalog.h
    ${CMAKE_CURRENT_LIST_DIR}/IntegrationInputs.cpp ${CMAKE_CURRENT_LIST_DIR}/IntegrationInputs.h
    ${CMAKE_CURRENT_LIST_DIR}/IntegrationJob.cpp ${CMAKE_CURRENT_LIST_DIR}/IntegrationJob.h
    ${CMAKE_CURRENT_LIST_DIR}/IntegrationService.cpp ${CMAKE_CURRENT_LIST_DIR}/IntegrationService.h
    ${CMAKE_CURRENT_LIST_DIR}/SecretChanges.cpp ${CMAKE_CURRENT_LIST_DIR}/SecretChanges.h
    ${CMAKE_CURRENT_LIST_DIR}/../phone/PhoneNumber.cpp ${CMAKE_CURRENT_LIST_DIR}/../phone/PhoneNumber.h
    ${CMAKE_CURRENT_LIST_DIR}/../store/IntegrationRepository.cpp
    ${CMAKE_CURRENT_LIST_DIR}/../store/IntegrationRepository.h
)

# Custom actions: drafts, deployed versions, secrets and npm dependencies.
target_sources(core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/CustomAction.h
    ${CMAKE_CURRENT_LIST_DIR}/CustomActionJob.cpp ${CMAKE_CURRENT_LIST_DIR}/CustomActionJob.h
    ${CMAKE_CURRENT_LIST_DIR}/CustomActionService.cpp ${CMAKE_CURRENT_LIST_DIR}/CustomActionService.h
    ${CMAKE_CURRENT_LIST_DIR}/CustomActionServiceJobs.cpp
    ${CMAKE_CURRENT_LIST_DIR}/DependencyInstallJob.cpp ${CMAKE_CURRENT_LIST_DIR}/DependencyInstallJob.h
    ${CMAKE_CURRENT_LIST_DIR}/DependencyInstaller.cpp ${CMAKE_CURRENT_LIST_DIR}/DependencyInstaller.h
    ${CMAKE_CURRENT_LIST_DIR}/../store/CustomActionRepository.cpp
    ${CMAKE_CURRENT_LIST_DIR}/../store/CustomActionRepository.h
)
