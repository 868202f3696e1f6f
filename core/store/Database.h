#pragma once

#include "core/common/Result.h"
#include "core/store/Migration.h"
#include "core/store/SqlDialect.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <vector>

class QSqlDriver;
class QSqlQuery;

/**
 * @brief One connection to a tenant's database, with its schema brought up to date: an SQLite file, or
 *        a PostgreSQL database named by a postgresql:// URL (see PostgresAddress).
 *
 * open() creates an SQLite file when it does not exist, turns on WAL, foreign keys and a busy timeout,
 * and applies every pending migration in one transaction (on PostgreSQL under an advisory lock, so that two
 * processes starting at once never migrate together). It refuses, without writing anything, a database
 * that is not a tenant, is damaged, was written by a newer Authdeck, sorts text other than in code point
 * order (a PostgreSQL database with a language's collation), or an SQLite file that is empty (zero bytes,
 * what a failed copy or a full disk leaves) unless told to initialize it.
 * All SQL of Authdeck lives in core's store layer and goes through this class; where the engines differ,
 * the repositories ask dialect().
 */
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// What open() does with an existing file of zero bytes.
    enum class EmptyFile
    {
        Refuse, ///< an error that says so; the file is left as it is
        Initialize, ///< made a new tenant database (the admin agreed to it)
    };

    /**
     * @brief Opens (or creates) the database at @p path and migrates it with the built-in migrations.
     * @param path a file path, ":memory:" for a private in-memory database, or a postgresql:// URL
     *        (the password comes from PGPASSWORD or ~/.pgpass, never from the URL)
     * @param emptyFile whether an existing empty file may become a new database
     * @param password the PostgreSQL password, given to libpq for this connection only (never shown in an
     *        error, never stored); empty to let libpq find it in PGPASSWORD or ~/.pgpass. Unused for files.
     * @return the database, or an error: the file or server cannot be used, is empty and @p emptyFile is
     *         Refuse (isEmptyFile() tells it beforehand), the URL is malformed (Invalid), or the built-in
     *         migrations are broken
     */
    static Result<std::unique_ptr<Database>>
    open(const QString &path, EmptyFile emptyFile = EmptyFile::Refuse, const QString &password = {});
    /// As above, with the schema steps @p migrations instead of the built-in ones (for tests).
    static Result<std::unique_ptr<Database>> open(const QString &path,
                                                  const QList<Migration> &migrations,
                                                  EmptyFile emptyFile = EmptyFile::Refuse,
                                                  const QString &password = {});

    /**
     * @brief Connects to the database at @p path with every check of open(), but applies no migration:
     *        schemaVersion() is 0 until migrate() runs (TenantCopier migrates inside its own transaction).
     */
    static Result<std::unique_ptr<Database>>
    connect(const QString &path, EmptyFile emptyFile = EmptyFile::Refuse, const QString &password = {});

    /// Whether @p path is an existing file of zero bytes, which open() refuses unless told otherwise.
    static bool isEmptyFile(const QString &path);

    /// The newest schema version of @p migrations (0 for none).
    static int latestVersion(const QList<Migration> &migrations);
    /// The newest schema version of the built-in migrations (0 when they cannot be read).
    static int latestVersion();

    /// The file path, or the PostgreSQL URL (without any password).
    QString path() const { return m_path; }
    /// How this database's engine spells what SQLite and PostgreSQL spell differently.
    const SqlDialect &dialect() const { return m_dialect; }
    int schemaVersion() const { return m_schemaVersion; }
    /// Whether the database held no table at all when it was connected (a new file, an empty database).
    bool isNew() const { return m_new; }

    /**
     * @brief Applies the steps of @p migrations that the schema lacks, in one transaction (a savepoint when
     *        one is open); an error, with nothing written, when a step fails or the schema is newer.
     */
    Result<void> migrate(const QList<Migration> &migrations);

    /// This connection's driver (ChangeFeed listens on it); nullptr if the connection is gone.
    QSqlDriver *driver() const;

    /// A prepared query on this connection.
    QSqlQuery prepare(const QString &sql) const;
    /**
     * @brief A prepared statement of this connection, held for one use: what statement() gives. It is
     *        finished when the holder goes (SQLite ends the statement's read, so that the connection's next
     *        reads see the newest data), and the statement is ready for the next use.
     */
    class Statement
    {
    public:
        Statement(Statement &&other) noexcept;
        Statement &operator=(Statement &&) = delete;
        ~Statement();

        QSqlQuery *operator->() const { return m_query; }
        QSqlQuery &operator*() const { return *m_query; }

    private:
        friend class Database;
        Statement(QSqlQuery *query, bool *busy, std::unique_ptr<QSqlQuery> owned);

        QSqlQuery *m_query;
        bool *m_busy; ///< the kept statement's "in use" mark; nullptr for one of its own
        std::unique_ptr<QSqlQuery> m_owned; ///< a statement of its own (not kept)
    };

    /**
     * @brief The statement for @p sql, prepared on this connection on its first use and kept for the next:
     *        a statement used again costs PostgreSQL one round trip instead of three (QPSQL prepares,
     *        executes and deallocates each query it prepares) and SQLite no new compilation.
     *
     * For fixed statement texts on hot paths. A text already held by a caller (a nested use) gets a statement
     * of its own, prepared anew; so does one that could not be prepared (its exec() fails; the reason is
     * logged, as by prepare()).
     */
    Statement statement(const QString &sql) const;
    /// Runs @p statement unprepared (DDL, SET: PostgreSQL prepares neither); a Storage error naming @p doing
    /// when it fails.
    Result<void> run(const QString &statement, const QString &doing);

    /**
     * @brief Runs @p work inside a transaction.
     *
     * The transaction commits when @p work returns success and rolls back when it returns an error
     * or the commit fails, so a failure never leaves half-written data.
     */
    Result<void> transaction(const std::function<Result<void>()> &work);

    /**
     * @brief A transaction held open across the event loop, for work that waits on jobs between its
     *        writes (DemoSeeder): everything written on this connection until commit() is kept or
     *        dropped together.
     *
     * transaction() calls made meanwhile nest inside it (as savepoints). It rolls back when destroyed
     * without commit(), and must not outlive its Database. Only one is held at a time.
     */
    class HeldTransaction
    {
    public:
        ~HeldTransaction();
        HeldTransaction(const HeldTransaction &) = delete;
        HeldTransaction &operator=(const HeldTransaction &) = delete;

        /// Keeps what was written; afterwards the transaction is over whatever the outcome.
        Result<void> commit();
        /// Drops what was written (also done by the destructor).
        void rollback();

    private:
        friend class Database;
        explicit HeldTransaction(Database &database);

        Database &m_database;
        bool m_open = true;
    };

    /// Begins a HeldTransaction; an error when one is held already or the database refuses to begin.
    Result<std::unique_ptr<HeldTransaction>> hold();

    /**
     * @brief Runs @p work once what is written now is kept: at once outside a transaction, else when the
     *        outermost transaction commits. Dropped when the transaction (or the savepoint it was asked in)
     *        rolls back, or when @p context is gone by then.
     *
     * For what must not run before the tenant keeps its record, such as writing a new secret to the keyring:
     * a held transaction (an import) may still roll the record back.
     */
    void afterCommit(QObject *context, std::function<void()> work);

    /// Turns a failed query into a Storage error naming what was being done.
    static Error storageError(const QString &doing, const QSqlQuery &query);

private:
    Database(QString path, QString connectionName, SqlDialect dialect);
    /// The open connection to the file at @p path (checked first), not yet configured.
    static Result<std::unique_ptr<Database>> connectSqlite(const QString &path, EmptyFile emptyFile);
    /// The open connection to the PostgreSQL database at @p url, not yet configured.
    static Result<std::unique_ptr<Database>> connectPostgres(const QString &url, const QString &password);
    Result<void> configure();
    /// Begins a transaction, or a savepoint inside the one open.
    Result<void> begin();
    /// Ends what begin() started: commits (or releases the savepoint) when @p keep, else rolls back.
    Result<void> end(bool keep);

    QString m_path;
    QString m_connectionName;
    SqlDialect m_dialect;
    int m_schemaVersion = 0;
    bool m_new = false;
    int m_depth = 0; ///< transactions and savepoints open
    struct AfterCommit;
    std::vector<AfterCommit> m_afterCommit; ///< afterCommit()'s work, waiting for the outermost commit
    bool m_held = false;
    struct KeptStatement;
    /// statement()'s prepared statements, by text.
    mutable std::map<QString, std::unique_ptr<KeptStatement>> m_statements;
};
