// A change made through the Management API, over HTTP with a client_credentials token as Auth0's SDKs make
// it, shows on the open page at once: the API writes through the same services the pages follow.

#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/secrets/SecretJob.h"
#include "core/server/LoginServer.h"
#include "core/server/ManagementApi.h"
#include "core/tenant/Tenant.h"
#include "tests/support/TempTenant.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/Page.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QUrlQuery>
#include <QtTest>

#include <memory>

class TestManagementApiLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void apiChangeShowsOnTheOpenPage_data();
    void apiChangeShowsOnTheOpenPage();

private:
    /// Sends @p body to @p path of the tenant's login server with the machine's token; the HTTP status.
    int send(const QByteArray &method, const QString &path, const QByteArray &body);
    /// A token for a new machine-to-machine application ("Node SDK") granted every Management API scope.
    QByteArray token();
    /// What the check named @p check reads from @p widget: a list's names, a box's state or a label's text.
    static QString shown(QWidget *widget, const QString &check);

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
    QNetworkAccessManager m_network;
    QByteArray m_bearer;
};

void TestManagementApiLive::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_managementapilive"));
}

void TestManagementApiLive::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    LoginServer &server = m_tenant->tenant().loginServer();
    server.start(port);
    QTRY_VERIFY2(server.state() == LoginServer::State::Running, qPrintable(server.errorString()));
    m_bearer = token();
    QVERIFY(!m_bearer.isEmpty());
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestManagementApiLive::cleanup()
{
    m_window.reset();
    if (m_tenant && m_tenant->isValid())
        m_tenant->tenant().loginServer().stop();
    m_tenant.reset();
}

QByteArray TestManagementApiLive::token()
{
    Tenant &tenant = m_tenant->tenant();
    auto app = tenant.applications().create(
        {QStringLiteral("Node SDK"), ApplicationType::MachineToMachine, {}, {}});
    if (!app)
        return {};
    const QString audience = tenant.loginServer().managementAudience();
    if (!tenant.clientGrants().create(app.value().clientId, audience, ManagementApi::knownScopes()))
        return {};
    SecretJob *read = tenant.applications().readClientSecret(app.value().clientId);
    QSignalSpy secretRead(read, &SecretJob::finished);
    if (!secretRead.wait(10000))
        return {};
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    form.addQueryItem(QStringLiteral("client_id"), app.value().clientId);
    form.addQueryItem(QStringLiteral("client_secret"),
                      QString::fromUtf8(qvariant_cast<SecretJob *>(secretRead.first().first())->value()));
    form.addQueryItem(QStringLiteral("audience"), audience);
    QNetworkRequest request(QUrl(tenant.loginServer().url().toString() + QLatin1String("/oauth/token")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
    std::unique_ptr<QNetworkReply> reply(m_network.post(request, form.toString(QUrl::FullyEncoded).toUtf8()));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(10000))
        return {};
    return QJsonDocument::fromJson(reply->readAll())
        .object()
        .value(QLatin1String("access_token"))
        .toString()
        .toUtf8();
}

int TestManagementApiLive::send(const QByteArray &method, const QString &path, const QByteArray &body)
{
    QNetworkRequest request(QUrl(m_tenant->tenant().loginServer().url().toString() + path));
    request.setRawHeader("Authorization", "Bearer " + m_bearer);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, method, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(10000))
        return 0;
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QString TestManagementApiLive::shown(QWidget *widget, const QString &check)
{
    if (check == QLatin1String("names")) {
        QStringList names;
        const QAbstractItemModel *model = qobject_cast<QAbstractItemView *>(widget)->model();
        for (int row = 0; row < model->rowCount(); ++row)
            names.append(model->index(row, 0).data().toString());
        return names.join(QLatin1Char('|'));
    }
    if (check == QLatin1String("checked"))
        return qobject_cast<QAbstractButton *>(widget)->isChecked() ? QStringLiteral("checked")
                                                                    : QStringLiteral("unchecked");
    return qobject_cast<QLabel *>(widget)->text();
}

void TestManagementApiLive::apiChangeShowsOnTheOpenPage_data()
{
    QTest::addColumn<Page::Id>("page");
    QTest::addColumn<QString>("widget");
    QTest::addColumn<QString>("check");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");

    QTest::newRow("an application created")
        << Page::Id::Applications << "applicationList"
        << "names" << QByteArray("POST") << "/api/v2/clients"
        << QByteArray(R"({"name":"Billing job","app_type":"non_interactive"})") << "Node SDK"
        << "Billing job|Node SDK";
    QTest::newRow("policy Always") << Page::Id::MultiFactor << "policyAlways"
                                   << "checked" << QByteArray("PUT") << "/api/v2/guardian/policies"
                                   << QByteArray(R"(["all-applications"])") << "unchecked"
                                   << "checked";
    QTest::newRow("Phone Message on") << Page::Id::MultiFactor << "phoneFactorState"
                                      << "text" << QByteArray("PUT") << "/api/v2/guardian/factors/sms"
                                      << QByteArray(R"({"enabled":true})") << "Disabled"
                                      << "Enabled";
}

void TestManagementApiLive::apiChangeShowsOnTheOpenPage()
{
    QFETCH(Page::Id, page);
    QFETCH(QString, widget);
    QFETCH(QString, check);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, before);
    QFETCH(QString, after);

    QVERIFY(m_window->showPage(page));
    auto *shownWidget = m_window->page(page)->findChild<QWidget *>(widget);
    QVERIFY(shownWidget);
    QVERIFY(shownWidget->isVisible());
    QCOMPARE(shown(shownWidget, check), before); // the token's own application is the only one

    QCOMPARE(send(method, path, body), method == "POST" ? 201 : 200);
    QTRY_COMPARE(shown(shownWidget, check), after);
    QCOMPARE(m_window->currentPageId(), page); // shown where the admin was, without a reload by hand
}

QTEST_MAIN(TestManagementApiLive)
#include "TestManagementApiLive.moc"
