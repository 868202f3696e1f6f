// An application's Quickstart > Try the login page: enabled only while the login server runs, and it opens
// an /authorize address that the server accepts (it answers with its login page).

#include "core/applications/ApplicationService.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/server/LoginServer.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "ui/applications/QuickstartTab.h"

#include <QDesktopServices>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

class TestQuickstartLoginPage : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    /// Stands in for the system browser (QDesktopServices::setUrlHandler).
    void openUrl(const QUrl &url) { m_opened.append(url); }

private:
    QList<QUrl> m_opened;

private Q_SLOTS:
    void opensAnAddressTheServerAccepts();
};

void TestQuickstartLoginPage::opensAnAddressTheServerAccepts()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto tenant = Tenant::open(dir.filePath(QStringLiteral("quickstart.authdeck")), secrets);
    QVERIFY(tenant);
    auto created = tenant.value()->applications().create(
        {QStringLiteral("Shop"), ApplicationType::SinglePage, {}, {}});
    QVERIFY(created);
    Application app = created.value();
    app.callbacks = app.webOrigins = app.logoutUrls = {QStringLiteral("http://localhost:3000")};
    QVERIFY(tenant.value()->applications().update(app));
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    TenantSettings::Values values = tenant.value()->settings().values();
    values.domain = QStringLiteral("http://localhost:%1").arg(port);
    QVERIFY(tenant.value()->settings().save(values));

    QuickstartTab tab(*tenant.value());
    tab.load(app);
    tab.show();
    auto *open = tab.findChild<QPushButton *>(QStringLiteral("openLoginPageButton"));
    auto *state = tab.findChild<QLabel *>(QStringLiteral("loginPageState"));
    QVERIFY(open && state);
    QVERIFY(!open->isEnabled());
    QVERIFY(state->text().contains(QLatin1String("not running")));

    tenant.value()->loginServer().start();
    QTRY_VERIFY(open->isEnabled());
    QCOMPARE(state->text(), QStringLiteral("The login server answers at http://localhost:%1.").arg(port));

    QDesktopServices::setUrlHandler(QStringLiteral("http"), this, "openUrl");
    QTest::mouseClick(open, Qt::LeftButton);
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    QCOMPARE(m_opened.size(), 1);
    const QUrl url = m_opened.first();
    QCOMPARE(url.path(), QStringLiteral("/authorize"));
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), app.clientId);
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));

    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
    QVERIFY(reply->rawHeader("Location").startsWith("/u/login?state="));
    reply->deleteLater();

    tenant.value()->loginServer().stop();
    QVERIFY(!open->isEnabled());
}

QTEST_MAIN(TestQuickstartLoginPage)
#include "TestQuickstartLoginPage.moc"
