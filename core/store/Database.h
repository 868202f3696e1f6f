#pragma once

#include "core/common/Result.h"
#include "core/store/Migration.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

class QSqlQuery;

/**
 * @brief One SQLite connection to a tenant file, with its schema brought up to date.
 *
 * open() creates the file when it does not exist, turns on WAL, foreign keys and a busy timeout,
 * and applies every pending migration in one transaction. It refuses, without writing anything,
 * a file that is not a tenant database, is damaged, or was written by a newer Authdeck.
 * All SQL of Authdeck lives in core's store layer and goes through this class.
 */
class Database
{
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /**
     * @brief Opens (or creates) the database at @p path and migrates it.
     * @param path a file path, or ":memory:" for a private in-memory database
     * @param migrations the schema steps to apply; the built-in list unless a test passes its own
     */
    static Result<std::unique_ptr<Database>> open(const QString &path,
                                                  const QList<Migration> &migrations = Migration::builtin());

    /// The newest schema version of @p migrations (0 for none).
    static int latestVersion(const QList<Migration> &migrations = Migration::builtin());

    QString path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }

    /// A prepared query on this connection.
    QSqlQuery prepare(const QString &sql) const;

    /**
     * @brief Runs @p work inside a transaction.
     *
     * The transaction commits when @p work returns success and rolls back when it returns an error
     * or the commit fails, so a failure never leaves half-written data.
     */
    Result<void> transaction(const std::function<Result<void>()> &work);

    /// Turns a failed query into a Storage error naming what was being done.
    static Error storageError(const QString &doing, const QSqlQuery &query);

private:
    explicit Database(QString path, QString connectionName);
    Result<void> configure();
    Result<void> migrate(const QList<Migration> &migrations);

    QString m_path;
    QString m_connectionName;
    int m_schemaVersion = 0;
};
