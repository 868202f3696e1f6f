#pragma once

// Every data table of a tenant filled and read without naming one (and many log rows): for the copy suites,
// so that a table a new migration adds is filled and compared too.

#include "core/common/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

class Database;

namespace TenantTables {

/**
 * @brief Fills each table of @p database but schema_migrations and SQLite's search index with @p rows rows
 *        (in foreign-key order), in one transaction; returns '' or the error.
 *
 * Row i holds the same text in each text column (so that foreign keys match): JSON, a time stamp, quotes,
 * backslashes, line breaks, accents and emoji, '' and more; integers from INT_MIN to INT_MAX; a column
 * whose name starts with "nullable_" holds NULL in odd rows.
 */
QString fill(Database &database, int rows);

/// The tables fill() fills, by name.
QStringList tables(Database &database);

/// Each row of each table of tables(), as text that tells NULL, '' and the value's text apart, sorted.
QMap<QString, QStringList> dump(Database &database);

/// The log_id of the @p row -th row writeLogs() writes.
QString logId(int row);

/// Writes @p rows log events (logs only) into @p database, in one transaction.
Result<void> writeLogs(Database &database, int rows);

/// How many tables @p database has at all (0 for an empty one); -1 when it cannot be read.
int tableCount(Database &database);

} // namespace TenantTables
