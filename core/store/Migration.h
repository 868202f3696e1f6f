#pragma once

#include "core/common/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

/**
 * @brief One numbered schema step: the SQL statements that take the schema from version-1 to version.
 *
 * Statements are plain SQL. The built-in list is read from the migration files compiled into core
 * (core/store/migrations/NNNN_name.sql).
 */
struct Migration
{
    Q_DECLARE_TR_FUNCTIONS(Migration)

public:
    int version = 0;
    QString name;
    QStringList statements;

    /**
     * @brief The migrations in @p folder (a directory, or a resource prefix such as ":/authdeck/migrations"),
     *        in ascending order.
     *
     * Every file must be named NNNN_name.sql and be readable, and the versions must run 1, 2, 3… with none
     * twice and none missing. Anything else is an error naming the file or the version, never a migration
     * silently left out: a schema built without one would differ from everybody else's.
     */
    static Result<QList<Migration>> load(const QString &folder);

    /// The migrations this build of Authdeck knows (load() of the files compiled into core).
    static const Result<QList<Migration>> &builtin();

    /// Splits a migration script into statements (on ';' at the end of a line; '--' comments dropped).
    static QStringList splitStatements(const QString &script);
};
