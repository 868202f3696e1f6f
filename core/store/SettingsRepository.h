#pragma once

#include "core/common/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

class Database;

/**
 * @brief The SQL for tenant settings: string values by key.
 */
class SettingsRepository
{
    Q_DECLARE_TR_FUNCTIONS(SettingsRepository)

public:
    explicit SettingsRepository(Database &database);

    Result<QHash<QString, QString>> all() const;
    /// Writes every pair of @p values in one transaction.
    Result<void> put(const QHash<QString, QString> &values);

private:
    Database &m_database;
};
