#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

/**
 * @brief Everything in which the store's SQL differs between SQLite and PostgreSQL, in one place.
 *
 * The migrations and the repositories write portable SQL and ask the dialect for the few pieces the
 * engines spell differently: the catalog queries that tell a tenant database, the session settings, the
 * lock that keeps two processes from migrating at once, "contains", case-insensitive ranges, index hints,
 * row identities and "no limit". A migration statement meant for one engine only starts with a tag, \c
 * /\*sqlite*\/ or \c /\*postgresql*\/ (an SQL comment, so the statement stays valid SQL);
 * migrationStatement() keeps or drops it.
 */
class SqlDialect
{
public:
    enum class Engine
    {
        Sqlite,
        Postgres,
    };

    explicit SqlDialect(Engine engine)
        : m_engine(engine)
    { }

    Engine engine() const { return m_engine; }
    /// The engine's name in a migration tag and in messages: "sqlite" or "postgresql".
    QString name() const;
    /// The Qt SQL driver: QSQLITE or QPSQL.
    QString driver() const;

    /// A query whose one value is the number of tables in the database (0 for a new database).
    QString tableCountQuery() const;
    /// A query whose one value is how many of schema_migrations' columns version, name, applied_at exist.
    QString migrationsColumnsQuery() const;
    /**
     * @brief A query whose rows name the tables that hold the tenant's data, one a row: neither the
     *        engine's own, nor virtual tables and their shadow tables (an index kept by triggers), nor
     *        schema_migrations (each database records its own).
     */
    QString dataTablesQuery() const;
    /// A query whose rows are (table, table it references) for each foreign key of the database.
    QString foreignKeysQuery() const;
    /// The statement that, run first in a transaction, makes all its reads see one moment ('' if they do).
    QString snapshotStatement() const;
    /// @p name quoted as an SQL identifier (a column may be named like a keyword: "key", "position").
    static QString quoted(const QString &name);
    /// How many values one statement may bind, well under both engines' limits.
    static int maxBoundValues() { return 900; }
    /// The statements that set up each new connection (SQLite's pragmas; PostgreSQL's notices kept quiet).
    QStringList sessionStatements() const;
    /// The statement that, run first in the migration transaction, makes other processes wait for it ('' if
    /// the engine's own locking does it: SQLite allows one writer).
    QString migrationLockStatement() const;

    /// @p statement of a migration as this engine runs it, without its tag; '' when it is for the other one.
    QString migrationStatement(const QString &statement) const;

    /// A WHERE term: text column @p column contains the bound value (case-sensitive).
    QString contains(const QString &column) const;
    /**
     * @brief A WHERE term: @p column is in the range [first bound value, second bound value), ignoring
     *        case, read from the column's case-insensitive index when @p useIndex.
     */
    QString caselessRange(const QString &column, bool useIndex) const;
    /// " INDEXED BY index" where the engine takes index hints, else ''.
    QString indexedBy(const QString &index) const;
    /// What names a row of a table whose primary key is @p primaryKey (SQLite's rowid, else the key).
    QString rowId(const QString &primaryKey) const;
    /// The value to bind to "LIMIT ?" for no limit (SQLite's -1; PostgreSQL's NULL, as it refuses -1).
    QVariant noLimit() const;
    /// The smaller of two integer expressions (SQLite's scalar min(), PostgreSQL's LEAST).
    QString least(const QString &a, const QString &b) const;
    /// The larger of two integer expressions (SQLite's scalar max(), PostgreSQL's GREATEST).
    QString greatest(const QString &a, const QString &b) const;
    /// Whether the users have their trigram search table (users_search).
    bool hasUserSearchIndex() const;

private:
    Engine m_engine;
};
