#include "ApplicationRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlValue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace {

const QString kColumns = QStringLiteral(
    "client_id, name, description, app_type, technology, callbacks, allowed_logout_urls, web_origins, "
    "grant_types, token_endpoint_auth_method, created_at, updated_at, revision");

Application fromRow(const QSqlQuery &query)
{
    Application app;
    app.clientId = query.value(0).toString();
    app.name = query.value(1).toString();
    app.description = query.value(2).toString();
    app.type
        = ApplicationTypeInfo::fromApiValue(query.value(3).toString()).value_or(ApplicationType::SinglePage);
    app.technology = query.value(4).toString();
    app.callbacks = SqlValue::listFrom(query.value(5));
    app.logoutUrls = SqlValue::listFrom(query.value(6));
    app.webOrigins = SqlValue::listFrom(query.value(7));
    app.grantTypes = SqlValue::listFrom(query.value(8));
    app.tokenEndpointAuthMethod = query.value(9).toString();
    app.createdAt = SqlValue::timeFrom(query.value(10));
    app.updatedAt = SqlValue::timeFrom(query.value(11));
    app.revision = query.value(12).toInt();
    return app;
}

} // namespace

ApplicationRepository::ApplicationRepository(Database &database)
    : m_database(database)
{ }

Result<QList<ApplicationSummary>> ApplicationRepository::summaries() const
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT client_id, name, app_type FROM applications ORDER BY lower(name), client_id"));
    query.setForwardOnly(true);
    if (!query.exec())
        return Database::storageError(ApplicationRepository::tr("list the applications"), query);
    QList<ApplicationSummary> list;
    while (query.next()) {
        list.append({query.value(0).toString(),
                     query.value(1).toString(),
                     ApplicationTypeInfo::fromApiValue(query.value(2).toString())
                         .value_or(ApplicationType::SinglePage)});
    }
    return list;
}

Result<Application> ApplicationRepository::find(const QString &clientId) const
{
    Database::Statement query = m_database.statement(
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM applications WHERE client_id = ?"));
    query->addBindValue(clientId);
    if (!query->exec())
        return Database::storageError(ApplicationRepository::tr("read the application"), *query);
    if (!query->next())
        return Error(Error::Kind::NotFound, ApplicationRepository::tr("The application no longer exists."));
    return fromRow(*query);
}

Result<QList<Application>> ApplicationRepository::page(int offset, int limit) const
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT ") + kColumns
        + QStringLiteral(" FROM applications ORDER BY lower(name), client_id LIMIT ? OFFSET ?"));
    query.setForwardOnly(true);
    query.addBindValue(limit < 0 ? m_database.dialect().noLimit() : QVariant(limit));
    query.addBindValue(qMax(0, offset));
    if (!query.exec())
        return Database::storageError(ApplicationRepository::tr("list the applications"), query);
    QList<Application> list;
    while (query.next())
        list.append(fromRow(query));
    return list;
}

Result<int> ApplicationRepository::count() const
{
    QSqlQuery query = m_database.prepare(QStringLiteral("SELECT count(*) FROM applications"));
    if (!query.exec() || !query.next())
        return Database::storageError(ApplicationRepository::tr("count the applications"), query);
    return query.value(0).toInt();
}

Result<std::optional<ApplicationSummary>> ApplicationRepository::firstOfType(ApplicationType type,
                                                                             bool withUrls) const
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT client_id, name FROM applications WHERE app_type = ?")
        + (withUrls ? QStringLiteral(" AND callbacks <> '[]' AND web_origins <> '[]'") : QString())
        + QStringLiteral(" ORDER BY lower(name), client_id LIMIT 1"));
    query.addBindValue(ApplicationTypeInfo::of(type).apiValue);
    if (!query.exec())
        return Database::storageError(ApplicationRepository::tr("look for an application"), query);
    if (!query.next())
        return std::optional<ApplicationSummary>();
    return std::optional<ApplicationSummary>(
        ApplicationSummary {query.value(0).toString(), query.value(1).toString(), type});
}

Result<void> ApplicationRepository::insert(const Application &app)
{
    QSqlQuery query
        = m_database.prepare(QStringLiteral("INSERT INTO applications (") + kColumns
                             + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(app.clientId);
    query.addBindValue(SqlValue::text(app.name));
    query.addBindValue(SqlValue::text(app.description));
    query.addBindValue(app.typeInfo().apiValue);
    query.addBindValue(SqlValue::text(app.technology));
    query.addBindValue(SqlValue::list(app.callbacks));
    query.addBindValue(SqlValue::list(app.logoutUrls));
    query.addBindValue(SqlValue::list(app.webOrigins));
    query.addBindValue(SqlValue::list(app.grantTypes));
    query.addBindValue(SqlValue::text(app.tokenEndpointAuthMethod));
    query.addBindValue(SqlValue::time(app.createdAt));
    query.addBindValue(SqlValue::time(app.updatedAt));
    query.addBindValue(app.revision);
    if (!query.exec())
        return Database::storageError(ApplicationRepository::tr("save the new application"), query);
    return {};
}

Result<void> ApplicationRepository::update(const Application &app)
{
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "UPDATE applications SET name = ?, description = ?, app_type = ?, technology = ?, callbacks = ?, "
        "allowed_logout_urls = ?, web_origins = ?, grant_types = ?, token_endpoint_auth_method = ?, "
        "updated_at = ?, revision = revision + 1 WHERE client_id = ? AND revision = ?"));
    query.addBindValue(SqlValue::text(app.name));
    query.addBindValue(SqlValue::text(app.description));
    query.addBindValue(app.typeInfo().apiValue);
    query.addBindValue(SqlValue::text(app.technology));
    query.addBindValue(SqlValue::list(app.callbacks));
    query.addBindValue(SqlValue::list(app.logoutUrls));
    query.addBindValue(SqlValue::list(app.webOrigins));
    query.addBindValue(SqlValue::list(app.grantTypes));
    query.addBindValue(SqlValue::text(app.tokenEndpointAuthMethod));
    query.addBindValue(SqlValue::time(app.updatedAt));
    query.addBindValue(app.clientId);
    query.addBindValue(app.revision);
    if (!query.exec())
        return Database::storageError(ApplicationRepository::tr("save the application"), query);
    if (query.numRowsAffected() == 1)
        return {};
    if (auto current = find(app.clientId); !current)
        return Error(Error::Kind::NotFound,
                     ApplicationRepository::tr("The application was deleted elsewhere."));
    return Error(Error::Kind::Conflict,
                 ApplicationRepository::tr("The application was changed elsewhere since you opened it."));
}

Result<void> ApplicationRepository::remove(const QString &clientId)
{
    QSqlQuery query = m_database.prepare(QStringLiteral("DELETE FROM applications WHERE client_id = ?"));
    query.addBindValue(clientId);
    if (!query.exec())
        return Database::storageError(ApplicationRepository::tr("delete the application"), query);
    if (query.numRowsAffected() == 0)
        return Error(Error::Kind::NotFound, ApplicationRepository::tr("The application no longer exists."));
    return {};
}
