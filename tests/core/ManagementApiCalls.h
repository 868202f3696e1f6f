#pragma once

#include "LoginServerFixture.h"
#include "core/model/CustomAction.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

/**
 * @brief Calls to the Management API of a LoginServerFixture as a machine-to-machine application: a token
 *        for the scopes asked for (the application's client grant is replaced to hold exactly those), JSON
 *        bodies, and the sapi log events of a request path.
 */
class ManagementApiCalls
{
public:
    /// Adds the machine-to-machine application to @p fixture; valid() tells whether that worked.
    explicit ManagementApiCalls(LoginServerFixture &fixture);

    /// read, create, update and delete:actions.
    static const QStringList &actionScopes();
    /// @p object as a compact JSON request body.
    static QByteArray json(const QJsonObject &object);

    bool valid() const { return !m_machine.clientId.isEmpty(); }
    /// @p method on /api/v2/@p path with a JSON @p body and a token holding @p scopes.
    HttpAnswer
    call(const QByteArray &method, const QString &path, const QByteArray &body, const QStringList &scopes);
    /// The sapi events whose request path is @p path; -1 when the log cannot be read.
    int sapiEvents(const QString &path);
    /// A custom action made through CustomActionService as the Library does (create, then save @p code as
    /// its draft); an empty id when the service refused.
    CustomAction addAction(const QString &name, const QString &triggerId, const QString &code);

private:
    QByteArray bearer(const QStringList &scopes);

    LoginServerFixture &m_fixture;
    LoginServerFixture::MachineClient m_machine;
    QStringList m_grantedScopes;
    QByteArray m_bearer;
};
