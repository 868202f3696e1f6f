#pragma once

#include "core/common/Result.h"
#include "core/store/Migration.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

/**
 * @brief Copies a tenant's database to a new place, all or nothing: an SQLite file into PostgreSQL, back,
 *        or file to file (authdeck-cli migrate-tenant).
 *
 * The source must exist and be a tenant: it is migrated first as Database::open() does, and refused when a
 * newer Authdeck wrote it. The destination must be empty: a file that does not exist yet, or a PostgreSQL
 * database without tables; anything else is refused and left as it is. In ONE transaction on the
 * destination, the copy creates the schema with the migrations, then copies every data table row for row,
 * referenced tables first, in batches of prepared statements. Any failure rolls it all back; a file the copy
 * created is removed. Values arrive as stored: text, integers, NULLs, JSON and time stamps.
 *
 * The tenant's id travels with its settings, and its secrets (client secrets, integration and action
 * secrets) stay in the keyring under that id: they are never in the database, and the copy does not copy
 * them. On the same machine the copy finds them; on another one they must be entered again.
 */
class TenantCopier
{
    Q_DECLARE_TR_FUNCTIONS(TenantCopier)

public:
    /// How many rows of one table were copied.
    struct TableRows
    {
        QString table;
        qint64 rows = 0;
    };

    /// What a copy did.
    struct Report
    {
        QList<TableRows> tables; ///< in the order they were copied (referenced tables first)
        QString tenantId; ///< the id that keys the tenant's secrets in the keyring ('' if it has none yet)
        int schemaVersion = 0;
    };

    /**
     * @brief Copies the tenant at @p from into @p to (each a file path or a postgresql:// URL).
     * @return what was copied, or an error saying why nothing was: the source is missing, not a tenant or
     *         newer; the destination exists, holds tables or cannot be written; a row was refused
     */
    static Result<Report> copy(const QString &from, const QString &to);
    /// As above, with the schema steps @p migrations instead of the built-in ones (for tests).
    static Result<Report> copy(const QString &from, const QString &to, const QList<Migration> &migrations);
};
