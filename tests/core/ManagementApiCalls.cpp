#include "ManagementApiCalls.h"

#include "core/actions/CustomActionService.h"
#include "core/applications/ClientGrantService.h"
#include "core/logs/LogStore.h"
#include "core/model/ClientGrant.h"

#include <QJsonDocument>

#include <algorithm>

ManagementApiCalls::ManagementApiCalls(LoginServerFixture &fixture)
    : m_fixture(fixture)
    , m_machine(fixture.addMachineClient())
{ }

const QStringList &ManagementApiCalls::actionScopes()
{
    static const QStringList scopes {QStringLiteral("read:actions"),
                                     QStringLiteral("create:actions"),
                                     QStringLiteral("update:actions"),
                                     QStringLiteral("delete:actions")};
    return scopes;
}

QByteArray ManagementApiCalls::json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray ManagementApiCalls::bearer(const QStringList &scopes)
{
    if (scopes == m_grantedScopes && !m_bearer.isEmpty())
        return m_bearer;
    ClientGrantService &grants = m_fixture.tenant().clientGrants();
    if (auto existing = grants.list(m_machine.clientId)) {
        for (const ClientGrant &grant : existing.value())
            discardResult(grants.remove(grant.id), "a test's own grant");
    }
    if (!grants.create(m_machine.clientId, m_fixture.managementAudience(), scopes))
        qWarning("the client grant was refused");
    const HttpAnswer answer = m_fixture.clientCredentials(m_machine);
    if (answer.status != 200)
        qWarning("no token: %s", answer.body.constData());
    m_grantedScopes = scopes;
    m_bearer = "Bearer " + answer.json().value(QLatin1String("access_token")).toString().toLatin1();
    return m_bearer;
}

HttpAnswer ManagementApiCalls::call(const QByteArray &method,
                                    const QString &path,
                                    const QByteArray &body,
                                    const QStringList &scopes)
{
    QList<QPair<QByteArray, QByteArray>> headers {{"Authorization", bearer(scopes)}};
    if (!body.isEmpty())
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return m_fixture.send(method, QStringLiteral("/api/v2/") + path, body, headers);
}

int ManagementApiCalls::sapiEvents(const QString &path)
{
    LogFilter filter;
    filter.type = QStringLiteral("sapi");
    filter.limit = 10000;
    auto events = m_fixture.tenant().logs().query(filter);
    if (!events)
        return -1;
    return int(std::count_if(events.value().cbegin(), events.value().cend(), [&path](const LogEvent &event) {
        return event.details.value(QLatin1String("request"))
                   .toObject()
                   .value(QLatin1String("path"))
                   .toString()
            == path;
    }));
}

CustomAction ManagementApiCalls::addAction(const QString &name, const QString &triggerId, const QString &code)
{
    CustomActionService &actions = m_fixture.tenant().customActions();
    auto created = actions.create(name, triggerId);
    if (!created)
        return {};
    auto saved = actions.saveDraft(created.value().id, code, {}, created.value().revision);
    return saved ? saved.value() : CustomAction();
}
