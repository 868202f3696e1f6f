#include "ApplicationRepository.h"

#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace {

const QString kColumns = QStringLiteral(
    "client_id, name, description, app_type, technology, callbacks, allowed_logout_urls, web_origins, "
    "grant_types, token_endpoint_auth_method, created_at, updated_at, revision");

QString toJson(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList fromJson(const QString &text)
{
    QStringList list;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue &value : array)
        list.append(value.toString());
    return list;
}

/// Qt binds a null QString as SQL NULL; the text columns are NOT NULL with '' for "none".
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString toText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

Application fromRow(const QSqlQuery &query)
{
    Application app;
    app.clientId = query.value(0).toString();
    app.name = query.value(1).toString();
    app.description = query.value(2).toString();
    app.type
        = ApplicationTypeInfo::fromApiValue(query.value(3).toString()).value_or(ApplicationType::SinglePage);
    app.technology = query.value(4).toString();
    app.callbacks = fromJson(query.value(5).toString());
    app.logoutUrls = fromJson(query.value(6).toString());
    app.webOrigins = fromJson(query.value(7).toString());
    app.grantTypes = fromJson(query.value(8).toString());
    app.tokenEndpointAuthMethod = query.value(9).toString();
    app.createdAt = QDateTime::fromString(query.value(10).toString(), Qt::ISODateWithMs);
    app.updatedAt = QDateTime::fromString(query.value(11).toString(), Qt::ISODateWithMs);
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
        return Database::storageError(QObject::tr("list the applications"), query);
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
    QSqlQuery query = m_database.prepare(QStringLiteral("SELECT ") + kColumns
                                         + QStringLiteral(" FROM applications WHERE client_id = ?"));
    query.addBindValue(clientId);
    if (!query.exec())
        return Database::storageError(QObject::tr("read the application"), query);
    if (!query.next())
        return Error(Error::Kind::NotFound, QObject::tr("The application no longer exists."));
    return fromRow(query);
}

Result<int> ApplicationRepository::count() const
{
    QSqlQuery query = m_database.prepare(QStringLiteral("SELECT count(*) FROM applications"));
    if (!query.exec() || !query.next())
        return Database::storageError(QObject::tr("count the applications"), query);
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
        return Database::storageError(QObject::tr("look for an application"), query);
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
    query.addBindValue(text(app.name));
    query.addBindValue(text(app.description));
    query.addBindValue(app.typeInfo().apiValue);
    query.addBindValue(text(app.technology));
    query.addBindValue(toJson(app.callbacks));
    query.addBindValue(toJson(app.logoutUrls));
    query.addBindValue(toJson(app.webOrigins));
    query.addBindValue(toJson(app.grantTypes));
    query.addBindValue(text(app.tokenEndpointAuthMethod));
    query.addBindValue(toText(app.createdAt));
    query.addBindValue(toText(app.updatedAt));
    query.addBindValue(app.revision);
    if (!query.exec())
        return Database::storageError(QObject::tr("save the new application"), query);
    return {};
}

Result<void> ApplicationRepository::update(const Application &app)
{
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "UPDATE applications SET name = ?, description = ?, app_type = ?, technology = ?, callbacks = ?, "
        "allowed_logout_urls = ?, web_origins = ?, grant_types = ?, token_endpoint_auth_method = ?, "
        "updated_at = ?, revision = revision + 1 WHERE client_id = ? AND revision = ?"));
    query.addBindValue(text(app.name));
    query.addBindValue(text(app.description));
    query.addBindValue(app.typeInfo().apiValue);
    query.addBindValue(text(app.technology));
    query.addBindValue(toJson(app.callbacks));
    query.addBindValue(toJson(app.logoutUrls));
    query.addBindValue(toJson(app.webOrigins));
    query.addBindValue(toJson(app.grantTypes));
    query.addBindValue(text(app.tokenEndpointAuthMethod));
    query.addBindValue(toText(app.updatedAt));
    query.addBindValue(app.clientId);
    query.addBindValue(app.revision);
    if (!query.exec())
        return Database::storageError(QObject::tr("save the application"), query);
    if (query.numRowsAffected() == 1)
        return {};
    if (auto current = find(app.clientId); !current)
        return Error(Error::Kind::NotFound, QObject::tr("The application was deleted elsewhere."));
    return Error(Error::Kind::Conflict,
                 QObject::tr("The application was changed elsewhere since you opened it."));
}

Result<void> ApplicationRepository::remove(const QString &clientId)
{
    QSqlQuery query = m_database.prepare(QStringLiteral("DELETE FROM applications WHERE client_id = ?"));
    query.addBindValue(clientId);
    if (!query.exec())
        return Database::storageError(QObject::tr("delete the application"), query);
    if (query.numRowsAffected() == 0)
        return Error(Error::Kind::NotFound, QObject::tr("The application no longer exists."));
    return {};
}
