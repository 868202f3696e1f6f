#pragma once

#include <QString>
#include <QStringList>

class Database;

/// SQL a test runs as it is (DDL included) on a store's database, whatever its engine.
namespace RawSql {

/**
 * @brief Runs @p statements in order on the database of @p database: through it on SQLite, on a connection
 *        of its own on PostgreSQL (which prepares no DDL, and Database prepares every query).
 * @return '' on success, else the first error
 */
QString run(Database &database, const QStringList &statements);

} // namespace RawSql
