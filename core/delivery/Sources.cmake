# Sources of the delivery room: SMS leaving the tenant through an installed integration.
target_sources(core PRIVATE
    delivery/SmsGateway.cpp delivery/SmsGateway.h
    delivery/SmsSend.cpp delivery/SmsSend.h
)
