#pragma once

#include "core/common/Clock.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ScratchPostgres.h"

#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <memory>

/// One answer of the login server, as a client saw it over HTTP.
struct HttpAnswer
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QJsonObject json() const;
    /// The query of the Location header (a redirect to the application's callback).
    QUrlQuery locationQuery() const;
};

/**
 * @brief A tenant with a single-page application (callbacks, logout URLs and web origins
 *        http://localhost:3000, refresh tokens allowed) and one user, its login server listening on a free
 *        loopback port, and an HTTP client with a cookie jar (the browser).
 */
class LoginServerFixture
{
public:
    static constexpr const char *Email = "ada@example.com";
    static constexpr const char *Password = "correct horse battery staple";
    static constexpr const char *Callback = "http://localhost:3000";
    /// RFC 7636's example verifier and its challenge.
    static constexpr const char *Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static constexpr const char *Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    /// Opens the tenant and starts the server; false (with a QTest failure message) when it cannot.
    bool start();
    Tenant &tenant() { return *m_tenant; }
    FakeClock &clock() { return m_clock; }
    QString clientId() const { return m_clientId; }
    QString base() const;

    HttpAnswer get(const QString &pathAndQuery, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpAnswer post(const QString &path,
                    const QByteArray &body,
                    const QByteArray &contentType = "application/x-www-form-urlencoded",
                    const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpAnswer send(const QByteArray &method,
                    const QString &pathAndQuery,
                    const QByteArray &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers);

    /// A machine-to-machine application and its client secret, read back from the secret store.
    struct MachineClient
    {
        QString clientId;
        QByteArray secret;
    };
    /// Creates a machine-to-machine application named @p name with a fresh secret; empty on a failure.
    MachineClient addMachineClient(const QString &name = QStringLiteral("Deploy CLI"));
    /// The Management API's identifier on this server: what client_credentials asks tokens for.
    QString managementAudience() const { return base() + QLatin1String("/api/v2/"); }
    /// POST /oauth/token, client_credentials for @p client and the Management API (with @p scope if set).
    HttpAnswer clientCredentials(const MachineClient &client, const QString &scope = {});

    /// /authorize?… for the application, with @p changes replacing or adding parameters ("" removes one).
    QString authorizeUrl(const QList<QPair<QString, QString>> &changes = {}) const;
    /// Runs a whole login from /authorize with @p changes; the callback's answer (with the code).
    HttpAnswer logIn(const QList<QPair<QString, QString>> &changes = {});
    /// The csrf field of a hosted page.
    static QString csrfOf(const QByteArray &page);
    /// Exchanges @p code as auth0-spa-js does; the token endpoint's answer.
    HttpAnswer exchange(const QString &code, const QString &verifier = QString::fromLatin1(Verifier));

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ScratchPostgres> m_postgres; ///< the tenant's database on the PostgreSQL rows
    MemorySecretStore m_secrets;
    FakeClock m_clock {QDateTime::currentDateTimeUtc()};
    std::unique_ptr<Tenant> m_tenant;
    QNetworkAccessManager m_network;
    QString m_clientId;
};
