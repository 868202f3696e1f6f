#include "RawSql.h"

#include "core/store/Database.h"
#include "core/store/PostgresAddress.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace {

QString runOnPostgres(const QString &url, const QStringList &statements)
{
    const QString connection = QStringLiteral("authdeck-test-raw-sql");
    QString error;
    {
        auto address = PostgresAddress::parse(url);
        if (!address)
            return address.error().message();
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        address.value().configure(db);
        if (!db.open())
            error = db.lastError().text();
        for (const QString &statement : statements) {
            QSqlQuery query(db);
            if (!error.isEmpty() || !query.exec(statement)) {
                error = error.isEmpty() ? query.lastError().text() : error;
                break;
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

} // namespace

namespace RawSql {

QString run(Database &database, const QStringList &statements)
{
    if (database.dialect().engine() == SqlDialect::Engine::Postgres)
        return runOnPostgres(database.path(), statements);
    for (const QString &statement : statements) {
        QSqlQuery query = database.prepare(statement);
        if (!query.exec())
            return Database::storageError(statement, query).message();
    }
    return {};
}

} // namespace RawSql
