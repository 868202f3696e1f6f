// The login server on an https:// domain, over real TLS on a loopback port: a client that trusts only the
// tenant's CA reaches discovery and gets tokens whose issuer is the https:// address (what Auth0's tools
// expect); a client that does not trust it is refused in the handshake; the certificate is kept in the
// secret store and survives a restart; a new host gets a new certificate from the same CA; a damaged stored
// certificate stops the start with a message naming it, and nothing is replaced.

#include "core/secrets/MemorySecretStore.h"
#include "core/secrets/SecretJob.h"
#include "core/server/LoginServer.h"
#include "core/server/TlsIdentityStore.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestLoginServerTls : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void servesTlsWithTheTenantsCertificate();
    void refusesAClientThatDoesNotTrustTheCa();
    void keepsItsCertificateAcrossRestarts();
    void newHostSameCa();
    void damagedCertificateStopsTheStart();
    void httpDomainStaysPlain();

private:
    /// Sets the tenant's domain to @p domain and starts the server on a free port; its state after.
    LoginServer::State startOn(const QString &domain);
    /// GET @p path with @p trusted as the only CAs; the reply's status (0 on a TLS or network error).
    int get(const QString &path, const QList<QSslCertificate> &trusted, QByteArray *body = nullptr);
    LoginServer &server() { return m_tenant->loginServer(); }
    /// The stored TLS identity's secret, as the keyring holds it; empty when there is none.
    QByteArray storedIdentity();
    void storeIdentity(const QByteArray &value);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Tenant> m_tenant;
    quint16 m_port = 0;
};

void TestLoginServerTls::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_secrets = std::make_unique<MemorySecretStore>();
    auto opened = Tenant::open(m_dir->filePath(QStringLiteral("tls.authdeck")), *m_secrets);
    QVERIFY2(opened, errorBytes(opened));
    m_tenant = opened.takeValue();
}

void TestLoginServerTls::cleanup()
{
    m_tenant.reset();
    m_secrets.reset();
    m_dir.reset();
}

QByteArray TestLoginServerTls::storedIdentity()
{
    QByteArray value;
    bool done = false;
    SecretJob *job = m_secrets->read(TlsIdentityStore::secretKey(m_tenant->settings().tenantId()));
    connect(job, &SecretJob::finished, this, [&](SecretJob *finished) {
        value = finished->succeeded() ? finished->value() : QByteArray();
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 5000))
        qWarning("The secret store did not answer");
    return value;
}

void TestLoginServerTls::storeIdentity(const QByteArray &value)
{
    bool done = false;
    SecretJob *job = m_secrets->write(TlsIdentityStore::secretKey(m_tenant->settings().tenantId()), value);
    connect(job, &SecretJob::finished, this, [&](SecretJob *) { done = true; });
    if (!QTest::qWaitFor([&] { return done; }, 5000))
        qWarning("The secret store did not answer");
}

LoginServer::State TestLoginServerTls::startOn(const QString &domain)
{
    server().stop();
    TenantSettings::Values values = m_tenant->settings().values();
    values.domain = domain;
    if (!m_tenant->settings().save(values))
        return LoginServer::State::Failed;
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return LoginServer::State::Failed;
    m_port = probe.serverPort();
    probe.close();
    QSignalSpy changed(&server(), &LoginServer::stateChanged);
    server().start(m_port);
    while (server().state() == LoginServer::State::Starting && changed.wait(15000)) { }
    return server().state();
}

int TestLoginServerTls::get(const QString &path, const QList<QSslCertificate> &trusted, QByteArray *body)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(server().url().toString() + path));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(trusted);
    request.setSslConfiguration(tls);
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(15000))
        return -1;
    if (body)
        *body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

void TestLoginServerTls::servesTlsWithTheTenantsCertificate()
{
    QCOMPARE(startOn(QStringLiteral("https://localhost:8443")), LoginServer::State::Running);
    QVERIFY(server().usesTls());
    QCOMPARE(server().url().toString(), QStringLiteral("https://localhost:%1").arg(m_port));
    const QList<QSslCertificate> ca = QSslCertificate::fromData(server().caCertificatePem());
    QCOMPARE(ca.size(), 1);

    QByteArray body;
    QCOMPARE(get(QStringLiteral("/.well-known/openid-configuration"), ca, &body), 200);
    const QJsonObject discovery = QJsonDocument::fromJson(body).object();
    QCOMPARE(discovery.value(QLatin1String("issuer")).toString(),
             QStringLiteral("https://localhost:%1/").arg(m_port));
    QCOMPARE(server().managementAudience(), QStringLiteral("https://localhost:%1/api/v2/").arg(m_port));
    QCOMPARE(get(QStringLiteral("/.well-known/jwks.json"), ca), 200);
}

void TestLoginServerTls::refusesAClientThatDoesNotTrustTheCa()
{
    QCOMPARE(startOn(QStringLiteral("https://localhost:8443")), LoginServer::State::Running);
    // The system's CAs only: the tenant's private CA is not among them.
    QCOMPARE(
        get(QStringLiteral("/.well-known/openid-configuration"), QSslConfiguration::systemCaCertificates()),
        0);
    // Another tenant's CA neither.
    QTemporaryDir otherDir;
    MemorySecretStore otherSecrets;
    auto other = Tenant::open(otherDir.filePath(QStringLiteral("other.authdeck")), otherSecrets);
    QVERIFY2(other, errorBytes(other));
    TenantSettings::Values values = other.value()->settings().values();
    values.domain = QStringLiteral("https://localhost:8444");
    QVERIFY(other.value()->settings().save(values));
    QSignalSpy changed(&other.value()->loginServer(), &LoginServer::stateChanged);
    other.value()->loginServer().start(0);
    while (other.value()->loginServer().state() == LoginServer::State::Starting && changed.wait(15000)) { }
    QCOMPARE(other.value()->loginServer().state(), LoginServer::State::Running);
    const auto foreignCa = QSslCertificate::fromData(other.value()->loginServer().caCertificatePem());
    QCOMPARE(foreignCa.size(), 1);
    QVERIFY(foreignCa != QSslCertificate::fromData(server().caCertificatePem()));
    QCOMPARE(get(QStringLiteral("/.well-known/openid-configuration"), foreignCa), 0);
}

void TestLoginServerTls::keepsItsCertificateAcrossRestarts()
{
    QCOMPARE(startOn(QStringLiteral("https://localhost:8443")), LoginServer::State::Running);
    const QByteArray ca = server().caCertificatePem();
    QVERIFY(!ca.isEmpty());
    // The keyring holds it, private keys included, as JSON the server reads back.
    const QJsonObject stored = QJsonDocument::fromJson(storedIdentity()).object();
    QVERIFY(stored.contains(QLatin1String("private_key")));

    QCOMPARE(startOn(QStringLiteral("https://localhost:8443")), LoginServer::State::Running);
    QCOMPARE(server().caCertificatePem(), ca);
}

void TestLoginServerTls::newHostSameCa()
{
    QCOMPARE(startOn(QStringLiteral("https://localhost:8443")), LoginServer::State::Running);
    const QList<QSslCertificate> ca = QSslCertificate::fromData(server().caCertificatePem());
    QCOMPARE(startOn(QStringLiteral("https://127.0.0.1:8443")), LoginServer::State::Running);
    QCOMPARE(QSslCertificate::fromData(server().caCertificatePem()), ca);
    QCOMPARE(get(QStringLiteral("/.well-known/openid-configuration"), ca), 200);
}

void TestLoginServerTls::damagedCertificateStopsTheStart()
{
    storeIdentity(QByteArrayLiteral("{\"certificate\": \"not a certificate\"}"));
    QCOMPARE(startOn(QStringLiteral("https://localhost:8443")), LoginServer::State::Failed);
    QVERIFY2(server().errorString().contains(QLatin1String("damaged")), qPrintable(server().errorString()));
    QVERIFY(server().caCertificatePem().isEmpty());
    // Nothing was replaced behind the admin's back.
    QCOMPARE(storedIdentity(), QByteArrayLiteral("{\"certificate\": \"not a certificate\"}"));
}

void TestLoginServerTls::httpDomainStaysPlain()
{
    QCOMPARE(startOn(QStringLiteral("http://localhost:4000")), LoginServer::State::Running);
    QVERIFY(!server().usesTls());
    QVERIFY(server().caCertificatePem().isEmpty());
    QCOMPARE(get(QStringLiteral("/.well-known/openid-configuration"), {}), 200);
}

QTEST_GUILESS_MAIN(TestLoginServerTls)

#include "TestLoginServerTls.moc"
