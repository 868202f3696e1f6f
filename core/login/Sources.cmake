# Sources of the login room: the login engine (users, one-time codes, login transactions) and the
# tenant logs. Plain paths resolve from core/.
target_sources(core PRIVATE
    common/Clock.h
    login/LoginEngine.cpp login/LoginEngine.h
    login/LoginTransaction.cpp login/LoginTransaction.h login/LoginTransactionCodes.cpp
    login/OtpCodes.cpp login/OtpCodes.h
    login/PasswordHasher.cpp login/PasswordHasher.h
    login/User.h
    login/UserStore.cpp login/UserStore.h
    logs/AuditLog.cpp logs/AuditLog.h
    logs/LogEvent.cpp logs/LogEvent.h
    logs/LogStore.cpp logs/LogStore.h
    store/LogRepository.cpp store/LogRepository.h
    store/UserRepository.cpp store/UserRepository.h
)
