#include "StoreFault.h"

#include "core/store/Database.h"
#include "core/store/PostgresAddress.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace {

/// Runs @p statements on a connection of its own (PostgreSQL prepares no DDL, and Database prepares all).
QString runOnPostgres(const Database &database, const QStringList &statements)
{
    const QString connection = QStringLiteral("authdeck-test-store-fault");
    QString error;
    {
        auto address = PostgresAddress::parse(database.path());
        if (!address)
            return address.error().message();
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        address.value().configure(db);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            for (const QString &statement : statements) {
                QSqlQuery query(db);
                if (!query.exec(statement)) {
                    error = query.lastError().text();
                    break;
                }
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

QString runOnSqlite(Database &database, const QString &statement)
{
    QSqlQuery query = database.prepare(statement);
    return query.exec() ? QString() : Database::storageError(statement, query).message();
}

} // namespace

namespace StoreFault {

QString refuse(Database &database,
               const QString &name,
               const QString &event,
               const QString &table,
               const QString &message,
               const QString &when)
{
    const QString condition = when.isEmpty() ? QString() : QStringLiteral(" WHEN (%1)").arg(when);
    if (database.dialect().engine() == SqlDialect::Engine::Sqlite)
        return runOnSqlite(
            database,
            QStringLiteral("CREATE TRIGGER %1 BEFORE %2 ON %3%4 BEGIN SELECT RAISE(ABORT, '%5'); END")
                .arg(name, event, table, condition, message));
    return runOnPostgres(
        database,
        {QStringLiteral("CREATE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS "
                        "$$ BEGIN RAISE EXCEPTION '%2'; END $$")
             .arg(name, message),
         QStringLiteral("CREATE TRIGGER %1 BEFORE %2 ON %3 FOR EACH ROW%4 EXECUTE FUNCTION %1()")
             .arg(name, event, table, condition)});
}

QString allow(Database &database, const QString &name, const QString &table)
{
    if (database.dialect().engine() == SqlDialect::Engine::Sqlite)
        return runOnSqlite(database, QStringLiteral("DROP TRIGGER %1").arg(name));
    return runOnPostgres(database,
                         {QStringLiteral("DROP TRIGGER %1 ON %2").arg(name, table),
                          QStringLiteral("DROP FUNCTION %1()").arg(name)});
}

} // namespace StoreFault
