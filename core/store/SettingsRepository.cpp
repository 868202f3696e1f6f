#include "SettingsRepository.h"

#include "core/store/Database.h"

#include <QSqlQuery>
#include <QVariant>

SettingsRepository::SettingsRepository(Database &database)
    : m_database(database)
{ }

Result<QHash<QString, QString>> SettingsRepository::all() const
{
    Database::Statement query
        = m_database.statement(QStringLiteral("SELECT key, value FROM tenant_settings"));
    if (!query->exec())
        return Database::storageError(SettingsRepository::tr("read the tenant settings"), *query);
    QHash<QString, QString> values;
    while (query->next())
        values.insert(query->value(0).toString(), query->value(1).toString());
    return values;
}

Result<void> SettingsRepository::put(const QHash<QString, QString> &values)
{
    return m_database.transaction([&]() -> Result<void> {
        QSqlQuery remove = m_database.prepare(QStringLiteral("DELETE FROM tenant_settings WHERE key = ?"));
        QSqlQuery insert
            = m_database.prepare(QStringLiteral("INSERT INTO tenant_settings (key, value) VALUES (?, ?)"));
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            remove.addBindValue(it.key());
            if (!remove.exec())
                return Database::storageError(SettingsRepository::tr("save the tenant settings"), remove);
            insert.addBindValue(it.key());
            insert.addBindValue(it.value());
            if (!insert.exec())
                return Database::storageError(SettingsRepository::tr("save the tenant settings"), insert);
        }
        return {};
    });
}
