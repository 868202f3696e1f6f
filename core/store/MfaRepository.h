#pragma once

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/model/PhoneFactorSettings.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

class Database;

/**
 * @brief The SQL for multi-factor settings (tables mfa_phone_factor and mfa_policies). Callers validate
 *        and open the transactions; this class only reads and writes rows.
 */
class MfaRepository
{
    Q_DECLARE_TR_FUNCTIONS(MfaRepository)

public:
    /// @p clock dates the saves (updated_at); it must outlive the repository.
    explicit MfaRepository(Database &database, const Clock &clock = SystemClock::instance());

    /// The stored Phone Message factor; nothing when it was never saved.
    Result<std::optional<PhoneFactorSettings>> phoneFactor() const;
    /// Replaces the stored factor (two statements: run it inside Database::transaction()).
    Result<void> savePhoneFactor(const PhoneFactorSettings &settings);

    /// The stored guardian/policies values, sorted; empty for "Never".
    Result<QStringList> policies() const;
    /// Replaces the policies with @p policies (several statements: run it inside a transaction).
    Result<void> setPolicies(const QStringList &policies);

private:
    Database &m_database;
    const Clock &m_clock;
};
