#include "SecretJournalRepository.h"

#include "core/common/Random.h"
#include "core/store/Database.h"
#include "core/store/SqlValue.h"

#include <QSqlQuery>
#include <QVariant>

namespace {

QString operationName(SecretJournalEntry::Operation operation)
{
    return operation == SecretJournalEntry::Operation::Write ? QStringLiteral("write")
                                                             : QStringLiteral("remove");
}

} // namespace

SecretJournalRepository::SecretJournalRepository(Database &database)
    : m_database(database)
{ }

QString SecretJournalRepository::newChange()
{
    return Random::urlSafe(16);
}

Result<void> SecretJournalRepository::record(const QList<SecretJournalEntry> &entries)
{
    return m_database.transaction([&]() -> Result<void> {
        for (const SecretJournalEntry &entry : entries) {
            Database::Statement query = m_database.statement(QStringLiteral(
                "INSERT INTO secret_journal (secret_key, owner_kind, owner_id, name, operation, writer, "
                "started_at, change_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (secret_key) DO UPDATE "
                "SET "
                "owner_kind = excluded.owner_kind, owner_id = excluded.owner_id, name = excluded.name, "
                "operation = excluded.operation, writer = excluded.writer, started_at = excluded.started_at, "
                "change_id = excluded.change_id"));
            query->addBindValue(entry.key);
            query->addBindValue(entry.ownerKind);
            query->addBindValue(entry.ownerId);
            query->addBindValue(entry.name);
            query->addBindValue(operationName(entry.operation));
            query->addBindValue(entry.writer);
            query->addBindValue(SqlValue::time(entry.startedAt));
            query->addBindValue(entry.change);
            if (!query->exec())
                return Database::storageError(tr("note the secret change under way"), *query);
        }
        return {};
    });
}

Result<void> SecretJournalRepository::settle(const QStringList &keys, const QString &change)
{
    for (const QString &key : keys) {
        Database::Statement query = m_database.statement(
            QStringLiteral("DELETE FROM secret_journal WHERE secret_key = ? AND change_id = ?"));
        query->addBindValue(key);
        query->addBindValue(change);
        if (!query->exec())
            return Database::storageError(tr("note the secret change as done"), *query);
    }
    return {};
}

Result<QList<SecretJournalEntry>> SecretJournalRepository::list() const
{
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "SELECT secret_key, owner_kind, owner_id, name, operation, writer, started_at, change_id "
        "FROM secret_journal ORDER BY started_at, secret_key"));
    if (!query.exec())
        return Database::storageError(tr("read the secret changes under way"), query);
    QList<SecretJournalEntry> entries;
    while (query.next()) {
        SecretJournalEntry entry;
        entry.key = query.value(0).toString();
        entry.ownerKind = query.value(1).toString();
        entry.ownerId = query.value(2).toString();
        entry.name = query.value(3).toString();
        entry.operation = query.value(4).toString() == QLatin1String("remove")
            ? SecretJournalEntry::Operation::Remove
            : SecretJournalEntry::Operation::Write;
        entry.writer = query.value(5).toString();
        entry.startedAt = SqlValue::timeFrom(query.value(6));
        entry.change = query.value(7).toString();
        entries.append(entry);
    }
    return entries;
}
