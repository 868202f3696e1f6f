#include "TenantCopier.h"

#include "core/store/Database.h"
#include "core/store/PostgresAddress.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>

namespace {

/// The first @p columns values, as text, of every row of @p sql on @p database.
Result<QList<QStringList>> readRows(Database &database, const QString &sql, int columns, const QString &doing)
{
    QSqlQuery query = database.prepare(sql);
    if (!query.exec())
        return Database::storageError(doing, query);
    QList<QStringList> rows;
    while (query.next()) {
        QStringList row;
        for (int i = 0; i < columns; ++i)
            row.append(query.value(i).toString());
        rows.append(row);
    }
    return rows;
}

Result<QStringList> dataTables(Database &database)
{
    auto rows = readRows(database,
                         database.dialect().dataTablesQuery(),
                         1,
                         TenantCopier::tr("list the tables of %1").arg(database.path()));
    if (!rows)
        return rows.error();
    QStringList tables;
    for (const QStringList &row : rows.value())
        tables.append(row.constFirst());
    return tables;
}

/// The data tables of @p database, each after the tables its foreign keys reference.
Result<QStringList> copyOrder(Database &database)
{
    auto tables = dataTables(database);
    if (!tables)
        return tables.error();
    auto keys = readRows(database,
                         database.dialect().foreignKeysQuery(),
                         2,
                         TenantCopier::tr("read the foreign keys of %1").arg(database.path()));
    if (!keys)
        return keys.error();
    QHash<QString, QSet<QString>> references;
    for (const QStringList &key : keys.value()) {
        if (key.at(0) != key.at(1) && tables.value().contains(key.at(1)))
            references[key.at(0)].insert(key.at(1));
    }
    QStringList ordered;
    QStringList left = tables.value();
    while (!left.isEmpty()) {
        const auto ready = std::find_if(left.begin(), left.end(), [&](const QString &table) {
            const QSet<QString> needed = references.value(table);
            return std::all_of(needed.cbegin(), needed.cend(), [&](const QString &referenced) {
                return ordered.contains(referenced);
            });
        });
        if (ready == left.end())
            return Error(Error::Kind::Storage,
                         TenantCopier::tr("The foreign keys of the tables %1 form a cycle: they cannot be "
                                          "copied one after the other.")
                             .arg(left.join(QLatin1String(", "))));
        ordered.append(*ready);
        left.erase(ready);
    }
    return ordered;
}

QString insertStatement(const QString &table, const QStringList &columns, int rows)
{
    QStringList names;
    for (const QString &column : columns)
        names.append(SqlDialect::quoted(column));
    const QString row = QLatin1Char('(')
        + QStringList(columns.size(), QStringLiteral("?")).join(QLatin1Char(',')) + QLatin1Char(')');
    return QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
        .arg(SqlDialect::quoted(table),
             names.join(QLatin1String(", ")),
             QStringList(rows, row).join(QLatin1Char(',')));
}

/// Runs @p statement, prepared for as many rows as @p values holds, with @p values bound.
Result<void>
insertRows(Database &destination, QSqlQuery &statement, const QString &table, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i)
        statement.bindValue(i, values.at(i));
    if (!statement.exec())
        return Database::storageError(
            TenantCopier::tr("copy the rows of %1 into %2").arg(table, destination.path()), statement);
    return {};
}

/// Copies every row of @p table from @p source to @p destination; the number of rows.
Result<qint64> copyTable(Database &source, Database &destination, const QString &table)
{
    QSqlQuery read = source.prepare(QStringLiteral("SELECT * FROM ") + SqlDialect::quoted(table));
    read.setForwardOnly(true);
    if (!read.exec())
        return Database::storageError(TenantCopier::tr("read the rows of %1").arg(table), read);
    const QSqlRecord record = read.record();
    QStringList columns;
    for (int i = 0; i < record.count(); ++i)
        columns.append(record.fieldName(i));
    if (columns.isEmpty())
        return qint64(0);
    const int perStatement = std::max(1, SqlDialect::maxBoundValues() / int(columns.size()));
    QSqlQuery full = destination.prepare(insertStatement(table, columns, perStatement));
    QVariantList batch;
    qint64 copied = 0;
    while (read.next()) {
        for (int i = 0; i < columns.size(); ++i)
            batch.append(read.value(i));
        ++copied;
        if (batch.size() == qsizetype(perStatement) * columns.size()) {
            if (auto inserted = insertRows(destination, full, table, batch); !inserted)
                return inserted.error();
            batch.clear();
        }
    }
    if (read.lastError().isValid())
        return Database::storageError(TenantCopier::tr("read the rows of %1").arg(table), read);
    if (!batch.isEmpty()) {
        QSqlQuery rest
            = destination.prepare(insertStatement(table, columns, int(batch.size() / columns.size())));
        if (auto inserted = insertRows(destination, rest, table, batch); !inserted)
            return inserted.error();
    }
    return copied;
}

/// The source database, migrated; refused when it is missing, empty or newer.
Result<std::unique_ptr<Database>> openSource(const QString &from, const QList<Migration> &migrations)
{
    if (!PostgresAddress::isUrl(from) && !QFileInfo(from).isFile())
        return Error(Error::Kind::NotFound, TenantCopier::tr("There is no tenant file %1.").arg(from));
    auto connected = Database::connect(from);
    if (!connected)
        return connected.error();
    std::unique_ptr<Database> source = connected.takeValue();
    if (source->isNew())
        return Error(Error::Kind::NotFound,
                     TenantCopier::tr("%1 holds no tenant: it has no table.").arg(from));
    if (auto migrated = source->migrate(migrations); !migrated)
        return migrated.error();
    return source;
}

/// Creates the schema in the empty database at @p to and copies @p source's rows into it, in one transaction.
Result<void> copyInto(Database &source,
                      const QString &to,
                      const QList<Migration> &migrations,
                      TenantCopier::Report &report)
{
    auto connected = Database::connect(to);
    if (!connected)
        return connected.error();
    Database &destination = *connected.value();
    if (!destination.isNew())
        return Error(Error::Kind::Invalid,
                     TenantCopier::tr("%1 holds tables already: a tenant is copied only into an empty "
                                      "database or a new file. It was left as it is.")
                         .arg(destination.path()));
    return source.transaction([&]() -> Result<void> {
        if (const QString snapshot = source.dialect().snapshotStatement(); !snapshot.isEmpty()) {
            if (auto begun = source.run(snapshot, TenantCopier::tr("start reading %1").arg(source.path()));
                !begun)
                return begun;
        }
        auto order = copyOrder(source);
        if (!order)
            return order.error();
        return destination.transaction([&]() -> Result<void> {
            if (auto migrated = destination.migrate(migrations); !migrated)
                return migrated;
            auto created = dataTables(destination);
            if (!created)
                return created.error();
            QStringList expected = order.value();
            expected.sort();
            if (created.value() != expected)
                return Error(Error::Kind::Storage,
                             TenantCopier::tr("The tables of %1 (%2) are not those of %3 (%4).")
                                 .arg(source.path(),
                                      expected.join(QLatin1String(", ")),
                                      destination.path(),
                                      created.value().join(QLatin1String(", "))));
            for (const QString &table : order.value()) {
                auto rows = copyTable(source, destination, table);
                if (!rows)
                    return rows.error();
                report.tables.append({table, rows.value()});
            }
            report.schemaVersion = destination.schemaVersion();
            return {};
        });
    });
}

/// Removes the SQLite file @p path and the files SQLite keeps beside it.
void removeSqliteFile(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace

Result<TenantCopier::Report> TenantCopier::copy(const QString &from, const QString &to)
{
    const Result<QList<Migration>> &builtin = Migration::builtin();
    if (!builtin)
        return builtin.error();
    return copy(from, to, builtin.value());
}

Result<TenantCopier::Report>
TenantCopier::copy(const QString &from, const QString &to, const QList<Migration> &migrations)
{
    const bool toFile = !PostgresAddress::isUrl(to);
    if (toFile && (QFileInfo::exists(to) || QFileInfo(to).isSymLink()))
        return Error(
            Error::Kind::Invalid,
            tr("%1 exists already: a tenant is copied only into a new file. It was left as it is.").arg(to));
    auto source = openSource(from, migrations);
    if (!source)
        return source.error();
    Report report;
    if (auto copied = copyInto(*source.value(), to, migrations, report); !copied) {
        if (toFile)
            removeSqliteFile(to);
        return Error(copied.error().kind(), tr("Nothing was copied: %1").arg(copied.error().message()));
    }
    return report;
}
