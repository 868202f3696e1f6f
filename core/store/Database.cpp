#include "Database.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

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

} // namespace

Database::Database(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{ }

Database::~Database()
{
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

Result<std::unique_ptr<Database>> Database::open(const QString &path, const QList<Migration> &migrations)
{
    const bool inMemory = path == QLatin1String(":memory:");
    if (!inMemory) {
        const QFileInfo info(path);
        if (info.exists() && !info.isFile())
            return Error(Error::Kind::Storage, QObject::tr("%1 is not a file.").arg(path));
        if (info.exists() && !info.isReadable())
            return Error(Error::Kind::Storage,
                         QObject::tr("The tenant file %1 cannot be read: permission denied.").arg(path));
        if (info.exists() && !info.isWritable())
            return Error(
                Error::Kind::Storage,
                QObject::tr("The tenant file %1 is read-only: Authdeck needs to write to it.").arg(path));
        if (!info.exists() && !QFileInfo(info.absolutePath()).isWritable())
            return Error(Error::Kind::Storage,
                         QObject::tr("Cannot create a tenant in %1: the folder is missing or not writable.")
                             .arg(info.absolutePath()));
    }

    std::unique_ptr<Database> database(new Database(path, nextConnectionName()));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), database->m_connectionName);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open())
            return Error(Error::Kind::Storage,
                         QObject::tr("Cannot open the tenant file %1: %2").arg(path, db.lastError().text()));
    }
    if (auto configured = database->configure(); !configured)
        return configured.error();
    if (auto migrated = database->migrate(migrations); !migrated)
        return migrated.error();
    return database;
}

QSqlQuery Database::prepare(const QString &sql) const
{
    QSqlQuery query(connectionFor(m_connectionName));
    if (!query.prepare(sql))
        qCWarning(lcDatabase) << "cannot prepare" << sql << query.lastError().text();
    return query;
}

Error Database::storageError(const QString &doing, const QSqlQuery &query)
{
    return Error(Error::Kind::Storage, QObject::tr("Could not %1: %2").arg(doing, query.lastError().text()));
}

Result<void> Database::configure()
{
    // The first statement reads the file header: a file that is not SQLite fails here, untouched.
    QSqlQuery probe = prepare(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!probe.exec())
        return Error(Error::Kind::Storage,
                     QObject::tr("%1 is not an Authdeck tenant database, or it is damaged (%2). "
                                 "The file was left as it is.")
                         .arg(m_path, probe.lastError().databaseText()));
    const bool fresh = probe.next() && probe.value(0).toInt() == 0;
    probe.finish();

    if (!fresh) {
        // Other tools keep a schema_migrations table too: require ours, with its three columns.
        QSqlQuery known
            = prepare(QStringLiteral("SELECT count(*) FROM pragma_table_info('schema_migrations') "
                                     "WHERE name IN ('version', 'name', 'applied_at')"));
        const bool isTenant = known.exec() && known.next() && known.value(0).toInt() == 3;
        known.finish();
        if (!isTenant)
            return Error(Error::Kind::Storage,
                         QObject::tr("%1 is an SQLite database but not an Authdeck tenant. "
                                     "The file was left as it is.")
                             .arg(m_path));
    }

    const QStringList pragmas {QStringLiteral("PRAGMA foreign_keys = ON"),
                               QStringLiteral("PRAGMA busy_timeout = 5000"),
                               QStringLiteral("PRAGMA journal_mode = WAL"),
                               QStringLiteral("PRAGMA synchronous = NORMAL")};
    for (const QString &pragma : pragmas) {
        QSqlQuery query = prepare(pragma);
        if (!query.exec())
            return storageError(QObject::tr("configure the database (%1)").arg(pragma), query);
    }
    return {};
}

Result<void> Database::migrate(const QList<Migration> &migrations)
{
    QSqlQuery create = prepare(
        QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                       " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
    if (!create.exec())
        return storageError(QObject::tr("create the migrations table"), create);

    QSqlQuery current = prepare(QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_migrations"));
    if (!current.exec() || !current.next())
        return storageError(QObject::tr("read the schema version"), current);
    m_schemaVersion = current.value(0).toInt();
    current.finish();

    const int latest = latestVersion(migrations);
    if (m_schemaVersion > latest)
        return Error(
            Error::Kind::Storage,
            QObject::tr("%1 was written by a newer Authdeck (schema %2; this version knows up to %3). "
                        "Update Authdeck to open it; the file was left as it is.")
                .arg(m_path)
                .arg(m_schemaVersion)
                .arg(latest));
    if (m_schemaVersion == latest)
        return {};

    int reached = m_schemaVersion;
    auto applied = transaction([&]() -> Result<void> {
        for (const Migration &migration : migrations) {
            if (migration.version <= m_schemaVersion)
                continue;
            for (const QString &statement : migration.statements) {
                QSqlQuery query = prepare(statement);
                if (!query.exec())
                    return storageError(
                        QObject::tr("apply migration %1 (%2)").arg(migration.version).arg(migration.name),
                        query);
            }
            QSqlQuery record = prepare(
                QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
            record.addBindValue(migration.version);
            record.addBindValue(migration.name);
            record.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
            if (!record.exec())
                return storageError(QObject::tr("record migration %1").arg(migration.version), record);
            reached = migration.version;
        }
        return {};
    });
    if (!applied)
        return applied;
    qCInfo(lcDatabase) << "migrated" << m_path << "from schema" << m_schemaVersion << "to" << reached;
    m_schemaVersion = reached;
    return {};
}

Result<void> Database::transaction(const std::function<Result<void>()> &work)
{
    QSqlDatabase db = connectionFor(m_connectionName);
    if (!db.transaction())
        return Error(Error::Kind::Storage,
                     QObject::tr("Could not start a transaction: %1").arg(db.lastError().text()));
    Result<void> outcome = work();
    if (outcome.ok() && db.commit())
        return outcome;
    const QString commitError = db.lastError().text();
    db.rollback();
    if (!outcome.ok())
        return outcome;
    return Error(Error::Kind::Storage, QObject::tr("Could not save the changes: %1").arg(commitError));
}
