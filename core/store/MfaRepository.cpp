#include "MfaRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlValue.h"

#include <QObject>
#include <QSqlQuery>
#include <QVariant>

MfaRepository::MfaRepository(Database &database, const Clock &clock)
    : m_database(database)
    , m_clock(clock)
{ }

Result<std::optional<PhoneFactorSettings>> MfaRepository::phoneFactor() const
{
    Database::Statement query = m_database.statement(
        QStringLiteral("SELECT enabled, provider, message_types, enrollment_template, verification_template "
                       "FROM mfa_phone_factor WHERE id = 1"));
    query->setForwardOnly(true);
    if (!query->exec())
        return Database::storageError(MfaRepository::tr("read the Phone Message factor"), *query);
    if (!query->next())
        return std::optional<PhoneFactorSettings>();
    PhoneFactorSettings settings;
    settings.enabled = query->value(0).toInt() != 0;
    settings.provider = query->value(1).toString();
    settings.messageTypes = SqlValue::listFrom(query->value(2));
    settings.enrollmentTemplate = query->value(3).toString();
    settings.verificationTemplate = query->value(4).toString();
    return std::optional<PhoneFactorSettings>(settings);
}

Result<void> MfaRepository::savePhoneFactor(const PhoneFactorSettings &settings)
{
    QSqlQuery clear = m_database.prepare(QStringLiteral("DELETE FROM mfa_phone_factor WHERE id = 1"));
    if (!clear.exec())
        return Database::storageError(MfaRepository::tr("save the Phone Message factor"), clear);
    QSqlQuery insert = m_database.prepare(QStringLiteral(
        "INSERT INTO mfa_phone_factor (id, enabled, provider, message_types, "
        "enrollment_template, verification_template, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(settings.enabled ? 1 : 0);
    insert.addBindValue(SqlValue::text(settings.provider));
    insert.addBindValue(SqlValue::list(settings.messageTypes));
    insert.addBindValue(SqlValue::text(settings.enrollmentTemplate));
    insert.addBindValue(SqlValue::text(settings.verificationTemplate));
    insert.addBindValue(SqlValue::time(m_clock.now()));
    if (!insert.exec())
        return Database::storageError(MfaRepository::tr("save the Phone Message factor"), insert);
    return {};
}

Result<QStringList> MfaRepository::policies() const
{
    Database::Statement query
        = m_database.statement(QStringLiteral("SELECT policy FROM mfa_policies ORDER BY policy"));
    query->setForwardOnly(true);
    if (!query->exec())
        return Database::storageError(MfaRepository::tr("read the MFA policy"), *query);
    QStringList policies;
    while (query->next())
        policies.append(query->value(0).toString());
    return policies;
}

Result<void> MfaRepository::setPolicies(const QStringList &policies)
{
    QSqlQuery clear = m_database.prepare(QStringLiteral("DELETE FROM mfa_policies"));
    if (!clear.exec())
        return Database::storageError(MfaRepository::tr("save the MFA policy"), clear);
    QSqlQuery insert = m_database.prepare(QStringLiteral("INSERT INTO mfa_policies (policy) VALUES (?)"));
    for (const QString &policy : policies) {
        insert.bindValue(0, policy);
        if (!insert.exec())
            return Database::storageError(MfaRepository::tr("save the MFA policy"), insert);
    }
    return {};
}
