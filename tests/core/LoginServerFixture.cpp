#include "LoginServerFixture.h"

#include "core/applications/ApplicationService.h"
#include "core/login/LoginEngine.h"
#include "core/login/PasswordHasher.h"
#include "core/secrets/SecretJob.h"
#include "core/server/LoginServer.h"
#include "tests/support/StoreEngine.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

QJsonObject HttpAnswer::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QUrlQuery HttpAnswer::locationQuery() const
{
    return QUrlQuery(QUrl(QString::fromUtf8(header("location"))).query());
}

QString LoginServerFixture::base() const
{
    return m_tenant->loginServer().url().toString();
}

bool LoginServerFixture::start()
{
    QString location = m_dir.filePath(QStringLiteral("server.authdeck"));
    if (StoreEngine::current() == StoreEngine::postgres()) {
        m_postgres = std::make_unique<ScratchPostgres>();
        if (!m_postgres->isValid()) {
            qWarning("%s", qPrintable(m_postgres->error()));
            return false;
        }
        location = m_postgres->url();
    }
    auto opened = Tenant::open(location, m_secrets);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().message()));
        return false;
    }
    m_tenant = opened.takeValue();
    m_tenant->setClock(m_clock);
    m_tenant->users().setPasswordHasher(PasswordHasher::minimal());
    auto app
        = m_tenant->applications().create({QStringLiteral("Web Shop"), ApplicationType::SinglePage, {}, {}});
    if (!app)
        return false;
    Application edited = app.value();
    edited.callbacks = edited.logoutUrls = edited.webOrigins = {QString::fromLatin1(Callback)};
    if (!edited.grantTypes.contains(QLatin1String("refresh_token")))
        edited.grantTypes.append(QStringLiteral("refresh_token"));
    if (!m_tenant->applications().update(edited))
        return false;
    m_clientId = edited.clientId;
    if (!m_tenant->users().create(QString::fromLatin1(Email), QString::fromLatin1(Password)))
        return false;

    // A free port: bind one, let it go, and start the server on it.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return false;
    const quint16 port = probe.serverPort();
    probe.close();
    LoginServer &server = m_tenant->loginServer();
    QSignalSpy changed(&server, &LoginServer::stateChanged);
    server.start(port);
    while (server.state() == LoginServer::State::Starting && changed.wait(10000)) { }
    if (server.state() != LoginServer::State::Running)
        qWarning("The server did not start: %s", qPrintable(server.errorString()));
    return server.state() == LoginServer::State::Running;
}

LoginServerFixture::MachineClient LoginServerFixture::addMachineClient(const QString &name)
{
    auto created = m_tenant->applications().create({name, ApplicationType::MachineToMachine, {}, {}});
    if (!created) {
        qWarning("%s", qPrintable(created.error().message()));
        return {};
    }
    MachineClient client {created.value().clientId, {}};
    SecretJob *written = m_tenant->applications().rotateClientSecret(client.clientId);
    QSignalSpy writtenSpy(written, &SecretJob::finished);
    if (!writtenSpy.wait())
        return {};
    SecretJob *read = m_tenant->applications().readClientSecret(client.clientId);
    QObject::connect(read, &SecretJob::finished, [&client](SecretJob *job) { client.secret = job->value(); });
    QSignalSpy readSpy(read, &SecretJob::finished);
    if (!readSpy.wait() || client.secret.isEmpty())
        return {};
    return client;
}

HttpAnswer LoginServerFixture::clientCredentials(const MachineClient &client, const QString &scope)
{
    QByteArray body = "grant_type=client_credentials&client_id=" + client.clientId.toLatin1()
        + "&client_secret=" + QUrl::toPercentEncoding(QString::fromLatin1(client.secret))
        + "&audience=" + QUrl::toPercentEncoding(managementAudience());
    if (!scope.isEmpty())
        body += "&scope=" + QUrl::toPercentEncoding(scope);
    return post(QStringLiteral("/oauth/token"), body);
}

HttpAnswer LoginServerFixture::send(const QByteArray &method,
                                    const QString &pathAndQuery,
                                    const QByteArray &body,
                                    const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(QUrl(base() + pathAndQuery));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    HttpAnswer answer;
    if (!reply->isFinished() && !finished.wait(15000)) {
        reply->deleteLater();
        return answer;
    }
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        answer.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return answer;
}

HttpAnswer LoginServerFixture::get(const QString &pathAndQuery,
                                   const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return send("GET", pathAndQuery, {}, headers);
}

HttpAnswer LoginServerFixture::post(const QString &path,
                                    const QByteArray &body,
                                    const QByteArray &contentType,
                                    const QList<QPair<QByteArray, QByteArray>> &headers)
{
    auto all = headers;
    all.append({"Content-Type", contentType});
    return send("POST", path, body, all);
}

QString LoginServerFixture::authorizeUrl(const QList<QPair<QString, QString>> &changes) const
{
    QList<QPair<QString, QString>> params {{QStringLiteral("client_id"), m_clientId},
                                           {QStringLiteral("response_type"), QStringLiteral("code")},
                                           {QStringLiteral("redirect_uri"), QString::fromLatin1(Callback)},
                                           {QStringLiteral("state"), QStringLiteral("st4te")},
                                           {QStringLiteral("nonce"), QStringLiteral("n0nce")},
                                           {QStringLiteral("scope"), QStringLiteral("openid profile email")},
                                           {QStringLiteral("code_challenge"), QString::fromLatin1(Challenge)},
                                           {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}};
    for (const auto &change : changes) {
        params.removeIf([&change](const auto &param) { return param.first == change.first; });
        if (!change.second.isEmpty())
            params.append(change);
    }
    QStringList parts;
    for (const auto &[name, value] : params)
        parts.append(name + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(value)));
    return QStringLiteral("/authorize?") + parts.join(QLatin1Char('&'));
}

QString LoginServerFixture::csrfOf(const QByteArray &page)
{
    static const QRegularExpression field(QStringLiteral(R"(name="csrf"\s+value="([^"]+)\")"));
    return field.match(QString::fromUtf8(page)).captured(1);
}

HttpAnswer LoginServerFixture::logIn(const QList<QPair<QString, QString>> &changes)
{
    const HttpAnswer authorize = get(authorizeUrl(changes));
    const QString page = QString::fromUtf8(authorize.header("location"));
    if (authorize.status != 302 || !page.startsWith(QLatin1String("/u/")))
        return authorize;
    const HttpAnswer form = get(page);
    if (form.status != 200)
        return form;
    const QByteArray body = "username=" + QUrl::toPercentEncoding(QString::fromLatin1(Email))
        + "&password=" + QUrl::toPercentEncoding(QString::fromLatin1(Password))
        + "&action=default&csrf=" + csrfOf(form.body).toLatin1();
    const HttpAnswer posted = post(page, body);
    if (posted.status != 302)
        return posted;
    // Done: the next page of the login sends the browser back to the application.
    const QString next = QString::fromUtf8(posted.header("location"));
    return next.startsWith(QLatin1String("/u/")) ? get(next) : posted;
}

HttpAnswer LoginServerFixture::exchange(const QString &code, const QString &verifier)
{
    const QByteArray body = "grant_type=authorization_code&client_id=" + m_clientId.toLatin1()
        + "&code=" + QUrl::toPercentEncoding(code) + "&code_verifier=" + QUrl::toPercentEncoding(verifier)
        + "&redirect_uri=" + QUrl::toPercentEncoding(QString::fromLatin1(Callback));
    return post(QStringLiteral("/oauth/token"),
                body,
                "application/x-www-form-urlencoded",
                {{"Origin", "http://localhost:3000"}, {"Auth0-Client", "eyJuYW1lIjoidGVzdCJ9"}});
}
