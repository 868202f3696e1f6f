#pragma once

#include <QString>

class Database;

/**
 * @brief Makes writes to one table fail, on SQLite and on PostgreSQL alike, to check that a failure leaves
 *        nothing half-written: a trigger that raises @p message.
 *
 * Each function returns '' on success, else the database's error.
 */
namespace StoreFault {

/**
 * @brief Installs the trigger @p name: each row that @p event ("INSERT", "DELETE", "UPDATE OF column")
 *        touches on @p table, when @p when holds (an SQL condition on NEW or OLD; '' for every row), fails.
 */
QString refuse(Database &database,
               const QString &name,
               const QString &event,
               const QString &table,
               const QString &message,
               const QString &when = QString());

/// Removes the trigger @p name from @p table.
QString allow(Database &database, const QString &name, const QString &table);

} // namespace StoreFault
