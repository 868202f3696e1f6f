# Sources of the plivo room: the REST client, SMS text rules, delivery tracking and the local sandbox.
target_sources(core PRIVATE
    plivo/DeliveryTracker.cpp plivo/DeliveryTracker.h
    plivo/PlivoCall.cpp plivo/PlivoCall.h
    plivo/PlivoClient.cpp plivo/PlivoClient.h
    plivo/PlivoResult.cpp plivo/PlivoResult.h
    plivo/PlivoSandbox.cpp plivo/PlivoSandbox.h plivo/PlivoSandboxRoutes.cpp
    plivo/PlivoSandboxBodies.cpp plivo/PlivoSandboxBodies.h
    plivo/PlivoTypes.cpp plivo/PlivoTypes.h
    plivo/SmsText.cpp plivo/SmsText.h
    store/SmsMessageRepository.cpp store/SmsMessageRepository.h
)
