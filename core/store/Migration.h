#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/**
 * @brief One numbered schema step: the SQL statements that take the schema from version-1 to version.
 *
 * Statements are plain, portable SQL (SQLite and PostgreSQL). The built-in list is read from the
 * migration files compiled into core (core/store/migrations/NNNN_name.sql).
 */
struct Migration
{
    int version = 0;
    QString name;
    QStringList statements;

    /// The migrations this build of Authdeck knows, in ascending order.
    static const QList<Migration> &builtin();

    /// Splits a migration script into statements (on ';' at the end of a line; '--' comments dropped).
    static QStringList splitStatements(const QString &script);
};
