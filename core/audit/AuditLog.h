#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

class ApplicationService;
class ClientGrantService;
class CustomActionService;
class FlowService;
class IntegrationService;
class LogStore;
class MfaService;
class TenantSettings;
class UserStore;

/**
 * @brief Records a "sapi" log event (Auth0's Success API Operation) for each configuration change made
 *        in the app, the way Auth0 logs the Management API calls its dashboard makes.
 *
 * Each event has the operation in words as its description ("Update a client") and, in its details, the
 * request it corresponds to: method, Management API path and the names of the fields changed, never their
 * values (they may be secret). watch() connects to a service's change signals; logins and sign-ups are not
 * configuration changes and are left to the login engine's own events.
 */
class AuditLog : public QObject
{
    Q_OBJECT

public:
    explicit AuditLog(LogStore &logs, QObject *parent = nullptr);

    void watch(ApplicationService &applications);
    void watch(ClientGrantService &grants);
    void watch(IntegrationService &integrations);
    void watch(FlowService &flows);
    void watch(MfaService &mfa);
    void watch(TenantSettings &settings);
    void watch(UserStore &users);
    void watch(CustomActionService &actions);

    /**
     * @brief Records one operation.
     * @param description what was done, as Auth0 words it ("Create a client")
     * @param method the HTTP method of the matching Management API call ("post", "patch", "delete")
     * @param path its path ("/api/v2/clients/abc")
     * @param object the object's name as the admin knows it (an application's name), kept in the details
     * @param userId @p userName the user the operation was about, for user operations
     */
    void record(const QString &description,
                const QString &method,
                const QString &path,
                const QString &object = {},
                const QString &userId = {},
                const QString &userName = {});

private:
    LogStore &m_logs;
};
