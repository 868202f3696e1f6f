#include "TenantTables.h"

#include "MigrationTestHelpers.h"
#include "core/store/Database.h"

#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>

namespace {

QString textOf(int row)
{
    static const QStringList texts {
        QStringLiteral("{\"callbacks\":[\"https://app.example/cb\"],\"n\":1.5,\"none\":null,\"é\":\"☃\"}"),
        QStringLiteral("2026-12-07T12:30:36.123Z"),
        QStringLiteral("O'Brien \"quoted\" \\ back\\slash\nline\ttab"),
        QStringLiteral("日本語 ✓ 🎉 ﬁ"),
        QStringLiteral(""), // empty, not NULL
    };
    return row < texts.size() ? texts.at(row) : QStringLiteral("row-%1").arg(row);
}

qint64 integerOf(int row)
{
    static const QList<qint64> integers {2147483647, -2147483648LL, 0, -1, 42};
    return row < integers.size() ? integers.at(row) : row;
}

bool isInteger(const QVariant &value)
{
    const int type = value.metaType().id();
    return type == QMetaType::Int || type == QMetaType::LongLong || type == QMetaType::UInt
        || type == QMetaType::ULongLong;
}

QSqlRecord columnsOf(Database &database, const QString &table)
{
    QSqlQuery query = database.prepare(QStringLiteral("SELECT * FROM %1 WHERE 1 = 0").arg(table));
    return query.exec() ? query.record() : QSqlRecord();
}

QString fillTable(Database &database, const QString &table, int rows)
{
    const QSqlRecord record = columnsOf(database, table);
    if (record.isEmpty())
        return QStringLiteral("%1 has no column").arg(table);
    QStringList names;
    QStringList marks;
    for (int c = 0; c < record.count(); ++c) {
        names.append(QLatin1Char('"') + record.fieldName(c) + QLatin1Char('"'));
        marks.append(QStringLiteral("?"));
    }
    QSqlQuery insert
        = database.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                               .arg(table, names.join(QLatin1Char(',')), marks.join(QLatin1Char(','))));
    for (int row = 0; row < rows; ++row) {
        for (int c = 0; c < record.count(); ++c) {
            const QSqlField field = record.field(c);
            const bool integer
                = field.metaType().id() == QMetaType::Int || field.metaType().id() == QMetaType::LongLong;
            QVariant value = integer ? QVariant(integerOf(row)) : QVariant(textOf(row));
            if (field.name().startsWith(QLatin1String("nullable_")) && row % 2 == 1)
                value = QVariant(field.metaType());
            insert.bindValue(c, value);
        }
        if (!insert.exec())
            return QStringLiteral("%1: %2").arg(table, insert.lastError().text());
    }
    return {};
}

} // namespace

namespace TenantTables {

QStringList tables(Database &database)
{
    QStringList names;
    for (const QString &table : MigrationTest::userTables(database)) {
        if (!table.startsWith(QLatin1String("users_search")))
            names.append(table);
    }
    return names;
}

QString fill(Database &database, int rows)
{
    QStringList left = tables(database);
    QString lastError;
    auto filled = database.transaction([&]() -> Result<void> {
        // Tables whose foreign keys point to empty tables fail (inside a savepoint): they go in a later pass.
        while (!left.isEmpty()) {
            QStringList later;
            for (const QString &table : left) {
                auto done = database.transaction([&]() -> Result<void> {
                    const QString error = fillTable(database, table, rows);
                    if (error.isEmpty())
                        return {};
                    return Error(Error::Kind::Storage, error);
                });
                if (!done) {
                    later.append(table);
                    lastError = done.error().message();
                }
            }
            if (later.size() == left.size())
                return Error(Error::Kind::Storage, lastError);
            left = later;
        }
        return {};
    });
    return filled ? QString() : filled.error().message();
}

QMap<QString, QStringList> dump(Database &database)
{
    QMap<QString, QStringList> rows;
    for (const QString &table : tables(database)) {
        QSqlQuery query = database.prepare(QStringLiteral("SELECT * FROM %1").arg(table));
        if (!query.exec()) {
            rows[table] = QStringList {query.lastError().text()};
            continue;
        }
        QStringList &dumped = rows[table];
        while (query.next()) {
            QStringList values;
            for (int c = 0; c < query.record().count(); ++c) {
                const QVariant value = query.value(c);
                values.append(QStringLiteral("%1=%2").arg(
                    query.record().fieldName(c),
                    value.isNull()         ? QStringLiteral("NULL")
                        : isInteger(value) ? QStringLiteral("int ") + value.toString()
                                           : QStringLiteral("text '%1'").arg(value.toString())));
            }
            dumped.append(values.join(QLatin1String(", ")));
        }
        dumped.sort();
    }
    return rows;
}

QString logId(int row)
{
    return QStringLiteral("90020261207%1").arg(row, 24, 10, QLatin1Char('0'));
}

Result<void> writeLogs(Database &database, int rows)
{
    return database.transaction([&]() -> Result<void> {
        QSqlQuery insert
            = database.prepare(QStringLiteral("INSERT INTO logs (log_id, type, description, date, user_id, "
                                              "details) VALUES (?, ?, ?, ?, ?, ?)"));
        for (int i = 0; i < rows; ++i) {
            insert.addBindValue(logId(i));
            insert.addBindValue(i % 3 ? QStringLiteral("s") : QStringLiteral("f"));
            insert.addBindValue(QStringLiteral("Successful login %1").arg(i));
            insert.addBindValue(
                QStringLiteral("2026-12-07T12:%1:00.000Z").arg(i % 60, 2, 10, QLatin1Char('0')));
            insert.addBindValue(QStringLiteral("auth0|%1").arg(i % 500, 24, 16, QLatin1Char('0')));
            insert.addBindValue(QStringLiteral("{\"request\":{\"ip\":\"127.0.0.1\"},\"n\":%1}").arg(i));
            if (!insert.exec())
                return Database::storageError(QStringLiteral("write a log row"), insert);
        }
        return {};
    });
}

int tableCount(Database &database)
{
    QSqlQuery query = database.prepare(database.dialect().tableCountQuery());
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}

} // namespace TenantTables
