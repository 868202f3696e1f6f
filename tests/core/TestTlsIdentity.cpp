#include "core/tokens/TlsIdentity.h"
#include "tests/support/ResultText.h"

#include <QHostAddress>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslCertificateExtension>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

namespace {

/// Handshakes on the loopback interface take milliseconds; the bound only stops a broken test.
constexpr int kHandshakeTimeout = 10000;

QSslCertificate certificateOf(const QByteArray &pem)
{
    return QSslCertificate(pem, QSsl::Pem);
}

/// The extension of @p certificate called @p name (OpenSSL's long name, as Qt reports it).
std::optional<QSslCertificateExtension> extension(const QSslCertificate &certificate, const QString &name)
{
    for (const QSslCertificateExtension &candidate : certificate.extensions()) {
        if (candidate.name() == name)
            return candidate;
    }
    return std::nullopt;
}

/// QSslCertificate::verify() of @p certificate for @p host while @p ca is the only trusted root: verify()
/// trusts the default configuration's CAs, so they are swapped for the call and restored after it.
QList<QSslError>
verifiedWith(const QSslCertificate &ca, const QSslCertificate &certificate, const QString &host)
{
    const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trusting = original;
    trusting.setCaCertificates({ca});
    QSslConfiguration::setDefaultConfiguration(trusting);
    const QList<QSslError> errors = QSslCertificate::verify({certificate}, host);
    QSslConfiguration::setDefaultConfiguration(original);
    return errors;
}

QByteArray describe(const QList<QSslError> &errors)
{
    QStringList texts;
    for (const QSslError &error : errors)
        texts << error.errorString();
    return texts.join(QStringLiteral("; ")).toUtf8();
}

QJsonObject with(QJsonObject json, const QString &field, const QJsonValue &value)
{
    if (value.isUndefined())
        json.remove(field);
    else
        json.insert(field, value);
    return json;
}

} // namespace

class TestTlsIdentity final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void generateIssuesACaAndAServerCertificate_data();
    void generateIssuesACaAndAServerCertificate();
    void generateRefusesHost_data();
    void generateRefusesHost();
    void handshake_data();
    void handshake();
    void opensslAgrees();
    void serves_data();
    void serves();
    void fromJsonRoundTrip();
    void fromJsonRefuses_data();
    void fromJsonRefuses();
    void reissuedKeepsTheCa();

private:
    std::optional<TlsIdentity> m_localhost;
    std::optional<TlsIdentity> m_other;
    QDateTime m_now;
};

void TestTlsIdentity::initTestCase()
{
    QVERIFY2(QSslSocket::supportsSsl(), "Qt Network has no TLS backend");
    m_now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    Result<TlsIdentity> localhost = TlsIdentity::generate(QStringLiteral("localhost"), m_now);
    QVERIFY2(localhost, errorBytes(localhost));
    m_localhost = localhost.takeValue();
    Result<TlsIdentity> other = TlsIdentity::generate(QStringLiteral("localhost"), m_now);
    QVERIFY2(other, errorBytes(other));
    m_other = other.takeValue();
}

void TestTlsIdentity::generateIssuesACaAndAServerCertificate_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("expectedHost");
    QTest::addColumn<QStringList>("dnsNames");
    QTest::addColumn<QStringList>("ipAddresses");

    const QString localhost = QStringLiteral("localhost");
    QTest::newRow("localhost") << localhost << localhost << QStringList {localhost}
                               << QStringList {QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    QTest::newRow("name, lower-cased")
        << QStringLiteral("Auth.Example.TEST") << QStringLiteral("auth.example.test")
        << QStringList {QStringLiteral("auth.example.test")} << QStringList {};
    QTest::newRow("IPv4") << QStringLiteral("127.0.0.1") << QStringLiteral("127.0.0.1") << QStringList {}
                          << QStringList {QStringLiteral("127.0.0.1")};
    QTest::newRow("IPv6, normalised") << QStringLiteral("0:0::1") << QStringLiteral("::1") << QStringList {}
                                      << QStringList {QStringLiteral("::1")};
}

void TestTlsIdentity::generateIssuesACaAndAServerCertificate()
{
    QFETCH(QString, host);
    QFETCH(QString, expectedHost);
    QFETCH(QStringList, dnsNames);
    QFETCH(QStringList, ipAddresses);

    const Result<TlsIdentity> identity = TlsIdentity::generate(host, m_now);
    QVERIFY2(identity, errorBytes(identity));
    QCOMPARE(identity.value().host(), expectedHost);
    const QSslCertificate ca = certificateOf(identity.value().caCertificatePem());
    const QSslCertificate certificate = certificateOf(identity.value().certificatePem());
    QVERIFY(!ca.isNull());
    QVERIFY(!certificate.isNull());
    const QSslKey key(identity.value().privateKeyPem(), QSsl::Ec);
    QVERIFY(!key.isNull());
    QCOMPARE(key.type(), QSsl::PrivateKey);
    QCOMPARE(key.length(), 256);
    QVERIFY(identity.value().privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));

    // Names.
    QStringList dns = certificate.subjectAlternativeNames().values(QSsl::DnsEntry);
    QStringList ips = certificate.subjectAlternativeNames().values(QSsl::IpAddressEntry);
    dns.sort();
    ips.sort();
    ipAddresses.sort();
    QCOMPARE(dns, dnsNames);
    QCOMPARE(ips, ipAddresses);
    QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName), QStringList {expectedHost});
    QCOMPARE(certificate.issuerDisplayName(), ca.subjectDisplayName());
    const QString caSerial = QString::fromLatin1(ca.serialNumber()).remove(u':');
    QCOMPARE(ca.subjectDisplayName(), QStringLiteral("Authdeck tenant CA ") + caSerial.left(8));

    // Self-signed CA, CA:TRUE pathlen 0; a CA:FALSE server certificate for serverAuth.
    QVERIFY(ca.isSelfSigned());
    QVERIFY(!certificate.isSelfSigned());
    const auto caConstraints = extension(ca, QStringLiteral("basicConstraints"));
    QVERIFY(caConstraints);
    QVERIFY(caConstraints->isCritical());
    QCOMPARE(caConstraints->value().toMap().value(QStringLiteral("ca")), QVariant(true));
    QCOMPARE(caConstraints->value().toMap().value(QStringLiteral("pathLenConstraint")), QVariant(0));
    const auto constraints = extension(certificate, QStringLiteral("basicConstraints"));
    QVERIFY(constraints);
    QCOMPARE(constraints->value().toMap().value(QStringLiteral("ca")), QVariant(false));
    const auto purposes = extension(certificate, QStringLiteral("extendedKeyUsage"));
    QVERIFY(purposes);
    QCOMPARE(purposes->value().toStringList(), QStringList {QStringLiteral("TLS Web Server Authentication")});
    const auto keyUsage = [](const QSslCertificate &of) {
        const auto usage = extension(of, QStringLiteral("keyUsage"));
        return usage && usage->isCritical() ? usage->value().toStringList().join(QStringLiteral(", "))
                                            : QString();
    };
    QCOMPARE(keyUsage(ca), QStringLiteral("Certificate Sign, CRL Sign"));
    QCOMPARE(keyUsage(certificate), QStringLiteral("Digital Signature"));
    for (const QSslCertificate &each : {ca, certificate}) {
        QVERIFY(extension(each, QStringLiteral("subjectKeyIdentifier")));
        QVERIFY(extension(each, QStringLiteral("authorityKeyIdentifier")));
        QCOMPARE(each.serialNumber().split(':').size(), 16); // 128 bits
    }
    QVERIFY(ca.serialNumber() != certificate.serialNumber());

    // Validity: from an hour before now; 397 days for the server, 10 years for the CA.
    const QDateTime from = m_now.addSecs(-3600);
    QCOMPARE(certificate.effectiveDate(), from);
    QCOMPARE(certificate.expiryDate(), from.addDays(397));
    QCOMPARE(identity.value().expiresAt(), from.addDays(397));
    QCOMPARE(ca.effectiveDate(), from);
    QCOMPARE(ca.expiryDate(), from.addYears(10));

    // The chain verifies for the host when the CA is trusted, and only then.
    const QList<QSslError> errors = verifiedWith(ca, certificate, expectedHost);
    QVERIFY2(errors.isEmpty(), describe(errors));
    const QSslCertificate otherCa = certificateOf(m_other->caCertificatePem());
    QVERIFY(!verifiedWith(otherCa, certificate, expectedHost).isEmpty());
    QVERIFY(!verifiedWith(ca, certificate, QStringLiteral("elsewhere.test")).isEmpty());
}

void TestTlsIdentity::generateRefusesHost_data()
{
    QTest::addColumn<QString>("host");
    for (const char *host : {"",
                             " ",
                             "bad host",
                             "http://x",
                             "localhost:8443",
                             "[::1]",
                             "under_score.test",
                             "-leading.test",
                             "a..b",
                             "localhost.",
                             "10.1.2",
                             "256.1.1.1",
                             "fe80::1%eth0",
                             "caf\xc3\xa9.test"})
        QTest::newRow(host) << QString::fromUtf8(host);
}

void TestTlsIdentity::generateRefusesHost()
{
    QFETCH(QString, host);
    const Result<TlsIdentity> identity = TlsIdentity::generate(host, m_now);
    QVERIFY(!identity);
    QCOMPARE(identity.error().kind(), Error::Kind::Invalid);
    QVERIFY2(identity.error().message().contains(QStringLiteral("host")), errorBytes(identity));
    const Result<TlsIdentity> reissued = m_localhost->reissued(host, m_now);
    QVERIFY(!reissued);
    QCOMPARE(reissued.error().kind(), Error::Kind::Invalid);
}

void TestTlsIdentity::handshake_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("peerName");
    QTest::addColumn<bool>("trustOwnCa");
    QTest::addColumn<QSslError::SslError>("expectedError");

    const QString localhost = QStringLiteral("localhost");
    const QString name = QStringLiteral("auth.example.test");
    const QString loopback = QStringLiteral("127.0.0.1");
    QTest::newRow("localhost") << localhost << localhost << true << QSslError::NoError;
    QTest::newRow("localhost by address") << localhost << loopback << true << QSslError::NoError;
    QTest::newRow("name") << name << name << true << QSslError::NoError;
    QTest::newRow("address") << loopback << loopback << true << QSslError::NoError;
    QTest::newRow("another CA") << localhost << localhost << false
                                << QSslError::UnableToGetLocalIssuerCertificate;
    QTest::newRow("another name") << name << QStringLiteral("other.example.test") << true
                                  << QSslError::HostNameMismatch;
}

void TestTlsIdentity::handshake()
{
    QFETCH(QString, host);
    QFETCH(QString, peerName);
    QFETCH(bool, trustOwnCa);
    QFETCH(QSslError::SslError, expectedError);

    const Result<TlsIdentity> identity = TlsIdentity::generate(host, m_now);
    QVERIFY2(identity, errorBytes(identity));
    QSslConfiguration serverConfiguration = QSslConfiguration::defaultConfiguration();
    serverConfiguration.setLocalCertificate(certificateOf(identity.value().certificatePem()));
    serverConfiguration.setPrivateKey(QSslKey(identity.value().privateKeyPem(), QSsl::Ec));
    QSslServer server;
    server.setSslConfiguration(serverConfiguration);
    QVERIFY(server.listen(QHostAddress::LocalHost));

    QSslConfiguration clientConfiguration = QSslConfiguration::defaultConfiguration();
    clientConfiguration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    clientConfiguration.setCaCertificates(
        {certificateOf((trustOwnCa ? identity.value() : *m_other).caCertificatePem())});
    QSslSocket client;
    client.setSslConfiguration(clientConfiguration);
    QSignalSpy encrypted(&client, &QSslSocket::encrypted);
    QSignalSpy sslErrors(&client, &QSslSocket::sslErrors);
    QSignalSpy failed(&client, &QSslSocket::errorOccurred);
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort(), peerName);

    QTRY_VERIFY_WITH_TIMEOUT(!encrypted.isEmpty() || !failed.isEmpty(), kHandshakeTimeout);
    if (expectedError == QSslError::NoError) {
        QVERIFY2(failed.isEmpty(), qPrintable(client.errorString()));
        QVERIFY2(sslErrors.isEmpty(), describe(client.sslHandshakeErrors()));
        QCOMPARE(client.peerCertificate(), certificateOf(identity.value().certificatePem()));
        QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), kHandshakeTimeout);
    } else {
        QCOMPARE(encrypted.count(), 0);
        QCOMPARE(sslErrors.count(), 1);
        const auto errors = sslErrors.first().first().value<QList<QSslError>>();
        bool found = false;
        for (const QSslError &error : errors)
            found = found || error.error() == expectedError;
        QVERIFY2(found, describe(errors));
    }
}

void TestTlsIdentity::opensslAgrees()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("no openssl command to cross-check with");
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const auto write = [&directory](const QString &name, const QByteArray &pem) {
        QFile file(directory.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(pem) == pem.size();
    };
    QVERIFY(write(QStringLiteral("ca.pem"), m_localhost->caCertificatePem()));
    QVERIFY(write(QStringLiteral("other.pem"), m_other->caCertificatePem()));
    QVERIFY(write(QStringLiteral("cert.pem"), m_localhost->certificatePem()));
    const auto verify = [&](const QString &caFile, const QStringList &checks) {
        QProcess process;
        process.start(openssl,
                      QStringList {QStringLiteral("verify"),
                                   QStringLiteral("-x509_strict"),
                                   QStringLiteral("-purpose"),
                                   QStringLiteral("sslserver"),
                                   QStringLiteral("-CAfile"),
                                   directory.filePath(caFile)}
                          + checks + QStringList {directory.filePath(QStringLiteral("cert.pem"))});
        return process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit
            && process.exitCode() == 0;
    };
    const QString name = QStringLiteral("-verify_hostname");
    const QString ip = QStringLiteral("-verify_ip");
    QVERIFY(verify(QStringLiteral("ca.pem"), {name, QStringLiteral("localhost")}));
    QVERIFY(verify(QStringLiteral("ca.pem"), {ip, QStringLiteral("127.0.0.1")}));
    QVERIFY(verify(QStringLiteral("ca.pem"), {ip, QStringLiteral("::1")}));
    QVERIFY(!verify(QStringLiteral("ca.pem"), {name, QStringLiteral("elsewhere.test")}));
    QVERIFY(!verify(QStringLiteral("other.pem"), {name, QStringLiteral("localhost")}));
}

void TestTlsIdentity::serves_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("secondsFromNow");
    QTest::addColumn<bool>("expected");

    const int day = 24 * 3600;
    QTest::newRow("localhost") << QStringLiteral("localhost") << 0 << true;
    QTest::newRow("upper case") << QStringLiteral("LocalHost") << 0 << true;
    QTest::newRow("IPv4 loopback") << QStringLiteral("127.0.0.1") << 0 << true;
    QTest::newRow("IPv6 loopback") << QStringLiteral("::1") << 0 << true;
    QTest::newRow("another name") << QStringLiteral("auth.example.test") << 0 << false;
    QTest::newRow("another address") << QStringLiteral("10.0.0.1") << 0 << false;
    QTest::newRow("malformed") << QStringLiteral("http://localhost") << 0 << false;
    QTest::newRow("before notBefore") << QStringLiteral("localhost") << -2 * 3600 << false;
    QTest::newRow("last day") << QStringLiteral("localhost") << 396 * day << true;
    QTest::newRow("expired") << QStringLiteral("localhost") << 397 * day << false;
}

void TestTlsIdentity::serves()
{
    QFETCH(QString, host);
    QFETCH(int, secondsFromNow);
    QFETCH(bool, expected);
    QCOMPARE(m_localhost->serves(host, m_now.addSecs(secondsFromNow)), expected);
}

void TestTlsIdentity::fromJsonRoundTrip()
{
    const QJsonObject json = m_localhost->toJson();
    const Result<TlsIdentity> restored = TlsIdentity::fromJson(json);
    QVERIFY2(restored, errorBytes(restored));
    QCOMPARE(restored.value().host(), m_localhost->host());
    QCOMPARE(restored.value().caCertificatePem(), m_localhost->caCertificatePem());
    QCOMPARE(restored.value().certificatePem(), m_localhost->certificatePem());
    QCOMPARE(restored.value().privateKeyPem(), m_localhost->privateKeyPem());
    QCOMPARE(restored.value().expiresAt(), m_localhost->expiresAt());
    QCOMPARE(restored.value().toJson(), json);
    QVERIFY(restored.value().serves(QStringLiteral("localhost"), m_now));
}

void TestTlsIdentity::fromJsonRefuses_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("refusal");

    const QJsonObject good = m_localhost->toJson();
    const QJsonObject other = m_other->toJson();
    const QString host = QStringLiteral("host");
    const QString caCertificate = QStringLiteral("ca_certificate");
    const QString caKey = QStringLiteral("ca_private_key");
    const QString certificate = QStringLiteral("certificate");
    const QString key = QStringLiteral("private_key");
    for (const QString &field : {host, caCertificate, caKey, certificate, key}) {
        QTest::addRow("no %s", qPrintable(field))
            << with(good, field, QJsonValue()) << QStringLiteral("no \"%1\"").arg(field);
        QTest::addRow("%s not a string", qPrintable(field))
            << with(good, field, 42) << QStringLiteral("no \"%1\"").arg(field);
    }
    const QString garbage
        = QStringLiteral("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
    QTest::newRow("garbage CA") << with(good, caCertificate, garbage)
                                << QStringLiteral("ca_certificate is not a PEM certificate");
    QTest::newRow("garbage certificate") << with(good, certificate, QStringLiteral("hello"))
                                         << QStringLiteral("certificate is not a PEM certificate");
    QTest::newRow("certificate as key")
        << with(good, key, good.value(certificate))
        << QStringLiteral("private_key is not an unencrypted PEM private key");
    QTest::newRow("garbage CA key") << with(good, caKey, garbage)
                                    << QStringLiteral("ca_private_key is not an unencrypted PEM private key");
    QTest::newRow("another server key") << with(good, key, other.value(key))
                                        << QStringLiteral("private_key does not belong to its certificate");
    QTest::newRow("another CA key") << with(good, caKey, other.value(caKey))
                                    << QStringLiteral("ca_private_key does not belong to its ca_certificate");
    QTest::newRow("server certificate from another CA")
        << with(with(good, certificate, other.value(certificate)), key, other.value(key))
        << QStringLiteral("certificate is not signed by its ca_certificate");
    QTest::newRow("server certificate as CA")
        << with(with(good, caCertificate, good.value(certificate)), caKey, good.value(key))
        << QStringLiteral("ca_certificate is not a certificate authority");
    QTest::newRow("another host") << with(good, host, QStringLiteral("auth.example.test"))
                                  << QStringLiteral("does not name its host \"auth.example.test\"");
    QTest::newRow("malformed host") << with(good, host, QStringLiteral("http://x"))
                                    << QStringLiteral("is not a host name");
}

void TestTlsIdentity::fromJsonRefuses()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, refusal);
    const Result<TlsIdentity> identity = TlsIdentity::fromJson(json);
    QVERIFY(!identity);
    QCOMPARE(identity.error().kind(), Error::Kind::Invalid);
    QVERIFY2(identity.error().message().contains(refusal), errorBytes(identity));
}

void TestTlsIdentity::reissuedKeepsTheCa()
{
    const QDateTime later = m_now.addSecs(60); // verify() below checks the validity at the current time
    const Result<TlsIdentity> reissued = m_localhost->reissued(QStringLiteral("auth.example.test"), later);
    QVERIFY2(reissued, errorBytes(reissued));
    QCOMPARE(reissued.value().host(), QStringLiteral("auth.example.test"));
    QCOMPARE(reissued.value().caCertificatePem(), m_localhost->caCertificatePem());
    QVERIFY(reissued.value().certificatePem() != m_localhost->certificatePem());
    QVERIFY(reissued.value().privateKeyPem() != m_localhost->privateKeyPem());
    QCOMPARE(reissued.value().expiresAt(), later.addSecs(-3600).addDays(397));
    QVERIFY(reissued.value().serves(QStringLiteral("auth.example.test"), later));
    QVERIFY(!reissued.value().serves(QStringLiteral("localhost"), later));

    // The CA the admin already trusts vouches for the new certificate; it survives the secret store too.
    const QList<QSslError> errors = verifiedWith(certificateOf(m_localhost->caCertificatePem()),
                                                 certificateOf(reissued.value().certificatePem()),
                                                 QStringLiteral("auth.example.test"));
    QVERIFY2(errors.isEmpty(), describe(errors));
    const Result<TlsIdentity> restored = TlsIdentity::fromJson(reissued.value().toJson());
    QVERIFY2(restored, errorBytes(restored));
    QCOMPARE(restored.value().caCertificatePem(), m_localhost->caCertificatePem());
}

QTEST_GUILESS_MAIN(TestTlsIdentity)
#include "TestTlsIdentity.moc"
