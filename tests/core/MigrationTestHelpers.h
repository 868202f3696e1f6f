#pragma once

// Helpers shared by the migration and tenant-file suites: files, SQL probes and the built-in migrations.

#include "core/store/Database.h"
#include "core/store/Migration.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace MigrationTest {

QByteArray sha256Of(const QString &path);

bool writeFile(const QString &path, const QByteArray &bytes);

/// Creates a plain SQLite file (not through Database) and runs @p statements in it.
QString createSqliteFile(const QString &path, const QStringList &statements);

/// Runs @p sql on @p database; returns the error text, empty on success.
QString exec(Database &database, const QString &sql);

/// The first column of the first row of @p sql.
QVariant scalar(Database &database, const QString &sql);

/// The tables of @p database (either engine), without SQLite's own and without schema_migrations.
QStringList userTables(Database &database);

/**
 * @brief The tables the built-in migrations make, sorted: on SQLite (@p sqlite) with the trigram index of the
 *        users' emails, which is tables of its own (PostgreSQL has none, see SqlDialect).
 */
QStringList builtinTables(bool sqlite);

QList<int> recordedVersions(Database &database);

/// The built-in migrations; none (so that the test fails on them) when they cannot be read.
QList<Migration> builtin();

/// The built-in migrations before version @p version.
QList<Migration> builtinBefore(int version);

QList<int> versionsOf(const QList<Migration> &migrations);

} // namespace MigrationTest
