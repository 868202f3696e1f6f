#include "Database.h"

#include "core/store/PostgresAddress.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcDatabase, "authdeck.store")

namespace {

QString nextConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("authdeck-%1").arg(counter.fetchAndAddRelaxed(1));
}

QSqlDatabase connectionFor(const QString &name)
{
    return QSqlDatabase::database(name, false);
}

/// SQLite's own words for @p error ("file is not a database"), else Qt's.
QString reasonOf(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text() : error.databaseText();
}

} // namespace

Database::Database(QString path, QString connectionName, SqlDialect dialect)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
    , m_dialect(dialect)
{ }

Database::~Database()
{
    // Statements first: they belong to the connection removed below.
    m_statements.clear();
    {
        QSqlDatabase db = connectionFor(m_connectionName);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

int Database::latestVersion(const QList<Migration> &migrations)
{
    return migrations.isEmpty() ? 0 : migrations.constLast().version;
}

int Database::latestVersion()
{
    const Result<QList<Migration>> &builtin = Migration::builtin();
    return builtin ? latestVersion(builtin.value()) : 0;
}

bool Database::isEmptyFile(const QString &path)
{
    const QFileInfo info(path);
    return path != QLatin1String(":memory:") && !PostgresAddress::isUrl(path) && info.isFile()
        && info.size() == 0;
}

Result<std::unique_ptr<Database>>
Database::open(const QString &path, EmptyFile emptyFile, const QString &password)
{
    const Result<QList<Migration>> &builtin = Migration::builtin();
    if (!builtin)
        return Error(Error::Kind::Storage,
                     Database::tr("This build of Authdeck is broken: %1").arg(builtin.error().message()));
    return open(path, builtin.value(), emptyFile, password);
}

Result<std::unique_ptr<Database>> Database::open(const QString &path,
                                                 const QList<Migration> &migrations,
                                                 EmptyFile emptyFile,
                                                 const QString &password)
{
    auto connected = connect(path, emptyFile, password);
    if (!connected)
        return connected.error();
    std::unique_ptr<Database> database = connected.takeValue();
    if (auto migrated = database->migrate(migrations); !migrated)
        return migrated.error();
    return database;
}

Result<std::unique_ptr<Database>>
Database::connect(const QString &path, EmptyFile emptyFile, const QString &password)
{
    auto connected
        = PostgresAddress::isUrl(path) ? connectPostgres(path, password) : connectSqlite(path, emptyFile);
    if (!connected)
        return connected.error();
    std::unique_ptr<Database> database = connected.takeValue();
    if (auto configured = database->configure(); !configured)
        return configured.error();
    return database;
}

Result<std::unique_ptr<Database>> Database::connectPostgres(const QString &url, const QString &password)
{
    auto address = PostgresAddress::parse(url);
    if (!address)
        return address.error();
    const SqlDialect dialect(SqlDialect::Engine::Postgres);
    if (!QSqlDatabase::isDriverAvailable(dialect.driver()))
        return Error(
            Error::Kind::Storage,
            Database::tr("Cannot open the tenant %1: Qt's PostgreSQL driver (QPSQL) is not installed "
                         "(on Debian: the package libqt6sql6-psql).")
                .arg(address.value().url()));
    std::unique_ptr<Database> database(new Database(address.value().url(), nextConnectionName(), dialect));
    QSqlDatabase db = QSqlDatabase::addDatabase(dialect.driver(), database->m_connectionName);
    address.value().configure(db);
    if (!password.isEmpty())
        db.setPassword(password);
    if (!db.open())
        return Error(
            Error::Kind::Storage,
            Database::tr("Cannot open the tenant %1: %2").arg(database->m_path, reasonOf(db.lastError())));
    return database;
}

Result<std::unique_ptr<Database>> Database::connectSqlite(const QString &path, EmptyFile emptyFile)
{
    const bool inMemory = path == QLatin1String(":memory:");
    if (!inMemory) {
        const QFileInfo info(path);
        if (info.exists() && !info.isFile())
            return Error(Error::Kind::Storage, Database::tr("%1 is not a file.").arg(path));
        if (info.exists() && !info.isReadable())
            return Error(Error::Kind::Storage,
                         Database::tr("The tenant file %1 cannot be read: permission denied.").arg(path));
        if (info.exists() && !info.isWritable())
            return Error(
                Error::Kind::Storage,
                Database::tr("The tenant file %1 is read-only: Authdeck needs to write to it.").arg(path));
        if (!info.exists() && !QFileInfo(info.absolutePath()).isWritable())
            return Error(Error::Kind::Storage,
                         Database::tr("Cannot create a tenant in %1: the folder is missing or not writable.")
                             .arg(info.absolutePath()));
        // SQLite takes an empty file for a new database: that would hide the loss of a tenant.
        if (isEmptyFile(path) && emptyFile == EmptyFile::Refuse)
            return Error(
                Error::Kind::Storage,
                Database::tr("The tenant file %1 is empty (0 bytes): it may have been lost by a failed "
                             "copy or a full disk. It was left as it is; restore it from a backup, or "
                             "agree to start a new tenant in it.")
                    .arg(path));
    }

    const SqlDialect dialect(SqlDialect::Engine::Sqlite);
    std::unique_ptr<Database> database(new Database(path, nextConnectionName(), dialect));
    QSqlDatabase db = QSqlDatabase::addDatabase(dialect.driver(), database->m_connectionName);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return Error(Error::Kind::Storage,
                     Database::tr("Cannot open the tenant file %1: %2").arg(path, db.lastError().text()));
    return database;
}

QSqlDriver *Database::driver() const
{
    const QSqlDatabase db = connectionFor(m_connectionName);
    return db.isValid() ? db.driver() : nullptr;
}

QSqlQuery Database::prepare(const QString &sql) const
{
    QSqlQuery query(connectionFor(m_connectionName));
    if (!query.prepare(sql))
        qCWarning(lcDatabase) << "cannot prepare" << sql << query.lastError().text();
    return query;
}

struct Database::KeptStatement
{
    QSqlQuery query;
    bool busy = false;
};

Database::Statement::Statement(QSqlQuery *query, bool *busy, std::unique_ptr<QSqlQuery> owned)
    : m_query(query ? query : owned.get())
    , m_busy(busy)
    , m_owned(std::move(owned))
{
    if (m_busy)
        *m_busy = true;
}

Database::Statement::Statement(Statement &&other) noexcept
    : m_query(std::exchange(other.m_query, nullptr))
    , m_busy(std::exchange(other.m_busy, nullptr))
    , m_owned(std::move(other.m_owned))
{ }

Database::Statement::~Statement()
{
    if (!m_query)
        return;
    m_query->finish();
    if (m_busy)
        *m_busy = false;
}

Database::Statement Database::statement(const QString &sql) const
{
    auto found = m_statements.find(sql);
    if (found == m_statements.end()) {
        auto kept = std::make_unique<KeptStatement>(KeptStatement {prepare(sql)});
        if (kept->query.lastError().isValid())
            return Statement(nullptr, nullptr, std::make_unique<QSqlQuery>(std::move(kept->query)));
        found = m_statements.emplace(sql, std::move(kept)).first;
    }
    if (found->second->busy)
        return Statement(nullptr, nullptr, std::make_unique<QSqlQuery>(prepare(sql)));
    return Statement(&found->second->query, &found->second->busy, nullptr);
}

Error Database::storageError(const QString &doing, const QSqlQuery &query)
{
    return Error(Error::Kind::Storage, Database::tr("Could not %1: %2").arg(doing, query.lastError().text()));
}

Result<void> Database::configure()
{
    // The first statement reads SQLite's file header: a file that is not SQLite fails here, untouched. SQLite
    // says why when the statement is prepared; exec() after a failed prepare() would only say "No query".
    QSqlQuery probe(connectionFor(m_connectionName));
    if (!probe.prepare(m_dialect.tableCountQuery()) || !probe.exec())
        return Error(Error::Kind::Storage,
                     Database::tr("%1 is not an Authdeck tenant database, or it is damaged (%2). "
                                  "It was left as it is.")
                         .arg(m_path, reasonOf(probe.lastError())));
    m_new = probe.next() && probe.value(0).toInt() == 0;
    probe.finish();

    if (!m_new) {
        // Other tools keep a schema_migrations table too: require ours, with its three columns.
        QSqlQuery known = prepare(m_dialect.migrationsColumnsQuery());
        const bool isTenant = known.exec() && known.next() && known.value(0).toInt() == 3;
        known.finish();
        if (!isTenant)
            return Error(
                Error::Kind::Storage,
                Database::tr("%1 holds a database, but not an Authdeck tenant. It was left as it is.")
                    .arg(m_path));
    }

    for (const QString &statement : m_dialect.sessionStatements()) {
        if (auto done = run(statement, Database::tr("configure the database (%1)").arg(statement)); !done)
            return done;
    }

    // Keys are compared and paged in code point order, in SQL and in C++ alike (SQLite's only order). A
    // PostgreSQL database made with a language's collation (en_US, ICU) would sort them otherwise.
    QSqlQuery order = prepare(QStringLiteral("SELECT 'B' < 'a' AND 'a-c' < 'ab'"));
    if (!order.exec() || !order.next())
        return storageError(Database::tr("read how the database sorts text"), order);
    if (!order.value(0).toBool())
        return Error(
            Error::Kind::Storage,
            Database::tr("The database %1 sorts text by the rules of a language (its collation), but "
                         "Authdeck needs the C collation (code point order). Create it with, for "
                         "example: CREATE DATABASE name TEMPLATE template0 LOCALE 'C'. It was left "
                         "as it is.")
                .arg(m_path));
    return {};
}

Result<void> Database::run(const QString &statement, const QString &doing)
{
    // Not prepared: PostgreSQL prepares no DDL.
    QSqlQuery query(connectionFor(m_connectionName));
    if (!query.exec(statement))
        return storageError(doing, query);
    return {};
}

Result<void> Database::migrate(const QList<Migration> &migrations)
{
    // One transaction from the version check to the last step: nothing is written when a step fails or the
    // schema is newer, and on PostgreSQL a second process starting meanwhile waits on the lock, then finds
    // the schema up to date.
    const int latest = latestVersion(migrations);
    int from = 0;
    int reached = 0;
    auto applied = transaction([&]() -> Result<void> {
        if (const QString lock = m_dialect.migrationLockStatement(); !lock.isEmpty()) {
            QSqlQuery query = prepare(lock);
            if (!query.exec())
                return storageError(Database::tr("wait for other processes to migrate the database"), query);
        }
        if (auto created = run(
                QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                               " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"),
                Database::tr("create the migrations table"));
            !created)
            return created;

        QSqlQuery current
            = prepare(QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_migrations"));
        if (!current.exec() || !current.next())
            return storageError(Database::tr("read the schema version"), current);
        from = reached = current.value(0).toInt();
        current.finish();
        if (from > latest)
            return Error(
                Error::Kind::Storage,
                Database::tr("%1 was written by a newer Authdeck (schema %2; this version knows up to %3). "
                             "Update Authdeck to open it; it was left as it is.")
                    .arg(m_path)
                    .arg(from)
                    .arg(latest));

        for (const Migration &migration : migrations) {
            if (migration.version <= from)
                continue;
            for (const QString &written : migration.statements) {
                const QString statement = m_dialect.migrationStatement(written);
                if (statement.isEmpty())
                    continue;
                if (auto done
                    = run(statement,
                          Database::tr("apply migration %1 (%2)").arg(migration.version).arg(migration.name));
                    !done)
                    return done;
            }
            QSqlQuery record = prepare(
                QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
            record.addBindValue(migration.version);
            record.addBindValue(migration.name);
            record.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
            if (!record.exec())
                return storageError(Database::tr("record migration %1").arg(migration.version), record);
            reached = migration.version;
        }
        return {};
    });
    if (!applied)
        return applied;
    if (reached != from)
        qCInfo(lcDatabase) << "migrated" << m_path << "from schema" << from << "to" << reached;
    m_schemaVersion = reached;
    return {};
}

Result<void> Database::begin()
{
    QSqlDatabase db = connectionFor(m_connectionName);
    if (m_depth == 0) {
        if (!db.transaction())
            return Error(Error::Kind::Storage,
                         Database::tr("Could not start a transaction: %1").arg(db.lastError().text()));
    } else {
        QSqlQuery savepoint(db);
        if (!savepoint.exec(QStringLiteral("SAVEPOINT authdeck_%1").arg(m_depth)))
            return storageError(Database::tr("start a transaction"), savepoint);
    }
    ++m_depth;
    return {};
}

struct Database::AfterCommit
{
    int depth; ///< the transaction or savepoint it was asked in
    QPointer<QObject> context;
    std::function<void()> work;
};

void Database::afterCommit(QObject *context, std::function<void()> work)
{
    if (m_depth == 0)
        return work();
    m_afterCommit.push_back({m_depth, context, std::move(work)});
}

Result<void> Database::end(bool keep)
{
    QSqlDatabase db = connectionFor(m_connectionName);
    --m_depth;
    if (m_depth == 0) {
        std::vector<AfterCommit> waiting = std::exchange(m_afterCommit, {});
        if (keep && db.commit()) {
            for (const AfterCommit &after : waiting) {
                if (after.context)
                    after.work();
            }
            return {};
        }
        const QString commitError = db.lastError().text();
        db.rollback();
        if (!keep)
            return {};
        return Error(Error::Kind::Storage, Database::tr("Could not save the changes: %1").arg(commitError));
    }
    const QString name = QStringLiteral("authdeck_%1").arg(m_depth);
    QSqlQuery query(db);
    if (keep && query.exec(QStringLiteral("RELEASE SAVEPOINT ") + name)) {
        // What the savepoint asked for now waits with the transaction around it.
        for (AfterCommit &after : m_afterCommit)
            after.depth = std::min(after.depth, m_depth);
        return {};
    }
    // What the savepoint asked for goes with it.
    m_afterCommit.erase(std::remove_if(m_afterCommit.begin(),
                                       m_afterCommit.end(),
                                       [this](const AfterCommit &after) { return after.depth > m_depth; }),
                        m_afterCommit.end());
    const QString releaseError = query.lastError().text();
    // Back to where the savepoint began, then off the stack: the outer transaction goes on.
    query.exec(QStringLiteral("ROLLBACK TO SAVEPOINT ") + name);
    query.exec(QStringLiteral("RELEASE SAVEPOINT ") + name);
    if (!keep)
        return {};
    return Error(Error::Kind::Storage, Database::tr("Could not save the changes: %1").arg(releaseError));
}

Result<void> Database::transaction(const std::function<Result<void>()> &work)
{
    if (auto begun = begin(); !begun)
        return begun;
    Result<void> outcome = work();
    Result<void> ended = end(outcome.ok());
    return outcome.ok() ? ended : outcome;
}

Result<std::unique_ptr<Database::HeldTransaction>> Database::hold()
{
    if (m_held)
        return Error(Error::Kind::Conflict, Database::tr("A held transaction is open already."));
    if (auto begun = begin(); !begun)
        return begun.error();
    m_held = true;
    return std::unique_ptr<HeldTransaction>(new HeldTransaction(*this));
}

Database::HeldTransaction::HeldTransaction(Database &database)
    : m_database(database)
{ }

Database::HeldTransaction::~HeldTransaction()
{
    rollback();
}

Result<void> Database::HeldTransaction::commit()
{
    if (!m_open)
        return Error(Error::Kind::Conflict, Database::tr("The transaction is over already."));
    m_open = false;
    m_database.m_held = false;
    return m_database.end(true);
}

void Database::HeldTransaction::rollback()
{
    if (!m_open)
        return;
    m_open = false;
    m_database.m_held = false;
    // Dropping can only fail with the connection, which then drops the transaction itself.
    (void)m_database.end(false);
}
