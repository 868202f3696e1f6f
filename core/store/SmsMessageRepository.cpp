#include "SmsMessageRepository.h"

#include "core/phone/PhoneNumber.h"
#include "core/store/Database.h"
#include "core/store/SqlValue.h"

#include <QSqlQuery>
#include <QVariant>

namespace {

const QString kColumns
    = QStringLiteral("uuid, to_number, from_number, state, error_code, source, created_at, updated_at");

SmsMessageRecord fromRow(const QSqlQuery &query)
{
    SmsMessageRecord record;
    record.uuid = query.value(0).toString();
    record.to = query.value(1).toString();
    record.from = query.value(2).toString();
    record.state = query.value(3).toString();
    record.errorCode = query.value(4).toString();
    record.source = query.value(5).toString();
    record.createdAt = SqlValue::timeFrom(query.value(6));
    record.updatedAt = SqlValue::timeFrom(query.value(7));
    return record;
}

} // namespace

SmsMessageRepository::SmsMessageRepository(Database &database)
    : m_database(database)
{ }

Result<void> SmsMessageRepository::recordSent(const SmsMessageRecord &record)
{
    if (record.uuid.isEmpty())
        return Error(Error::Kind::Invalid,
                     SmsMessageRepository::tr("An SMS message needs its Plivo message UUID."));
    if (auto existing = find(record.uuid); existing.ok() && existing.value())
        return Error(Error::Kind::Conflict,
                     SmsMessageRepository::tr("The SMS message %1 is already recorded.").arg(record.uuid));

    const QDateTime created = record.createdAt.isValid() ? record.createdAt : QDateTime::currentDateTimeUtc();
    const QDateTime updated = record.updatedAt.isValid() ? record.updatedAt : created;
    Database::Statement query = m_database.statement(QStringLiteral("INSERT INTO sms_messages (") + kColumns
                                                     + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query->addBindValue(record.uuid);
    query->addBindValue(SqlValue::text(record.to.isEmpty() ? QString() : PhoneNumber::masked(record.to)));
    query->addBindValue(SqlValue::text(record.from));
    query->addBindValue(SqlValue::text(record.state));
    query->addBindValue(SqlValue::text(record.errorCode));
    query->addBindValue(SqlValue::text(record.source));
    query->addBindValue(SqlValue::time(created));
    query->addBindValue(SqlValue::time(updated));
    if (!query->exec())
        return Database::storageError(SmsMessageRepository::tr("record the SMS message"), *query);
    return {};
}

Result<void>
SmsMessageRepository::updateState(const QString &uuid, const QString &state, const QString &errorCode)
{
    Database::Statement query = m_database.statement(
        QStringLiteral("UPDATE sms_messages SET state = ?, error_code = ?, updated_at = ? WHERE uuid = ?"));
    query->addBindValue(SqlValue::text(state));
    query->addBindValue(SqlValue::text(errorCode));
    query->addBindValue(SqlValue::time(QDateTime::currentDateTimeUtc()));
    query->addBindValue(uuid);
    if (!query->exec())
        return Database::storageError(SmsMessageRepository::tr("record the state of the SMS message"),
                                      *query);
    if (query->numRowsAffected() == 0)
        return Error(Error::Kind::NotFound,
                     SmsMessageRepository::tr("The SMS message %1 is not recorded.").arg(uuid));
    return {};
}

Result<std::optional<SmsMessageRecord>> SmsMessageRepository::find(const QString &uuid) const
{
    Database::Statement query = m_database.statement(QStringLiteral("SELECT ") + kColumns
                                                     + QStringLiteral(" FROM sms_messages WHERE uuid = ?"));
    query->addBindValue(uuid);
    if (!query->exec())
        return Database::storageError(SmsMessageRepository::tr("read the SMS message"), *query);
    if (!query->next())
        return std::optional<SmsMessageRecord>();
    return std::optional<SmsMessageRecord>(fromRow(*query));
}

Result<QList<SmsMessageRecord>> SmsMessageRepository::recent(int limit) const
{
    QSqlQuery query
        = m_database.prepare(QStringLiteral("SELECT ") + kColumns
                             + QStringLiteral(" FROM sms_messages ORDER BY created_at DESC, uuid LIMIT ?"));
    query.addBindValue(qMax(0, limit));
    query.setForwardOnly(true);
    if (!query.exec())
        return Database::storageError(SmsMessageRepository::tr("list the SMS messages"), query);
    QList<SmsMessageRecord> list;
    while (query.next())
        list.append(fromRow(query));
    return list;
}
