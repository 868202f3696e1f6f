# Sources of the mfa room: the Phone Message factor, its templates and policy, and the Send Phone Message
# pipeline with its recorded executions. Plain paths resolve from core/.
target_sources(core PRIVATE
    mfa/MessageTemplates.cpp mfa/MessageTemplates.h
    mfa/MfaPolicy.cpp mfa/MfaPolicy.h
    mfa/MfaService.cpp mfa/MfaService.h
    mfa/PhoneFactorSettings.cpp mfa/PhoneFactorSettings.h
    flows/PhoneMessagePipeline.cpp flows/PhoneMessagePipeline.h
    flows/PipelineRun.cpp flows/PipelineRun.h
    store/ExecutionRepository.cpp store/ExecutionRepository.h
    store/MfaRepository.cpp store/MfaRepository.h
)
