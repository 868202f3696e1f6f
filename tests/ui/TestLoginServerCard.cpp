// Tenant Settings > Login server: Start and Stop drive the real server on a loopback port, a busy port is
// shown with its number, Rotate (after its confirmation) puts a new key in use and keeps the old one, and on
// an https:// domain the card says so and saves the CA of the server's certificate where the admin chooses.

#include "UiTestHelpers.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/server/LoginServer.h"
#include "core/server/SigningKeyRing.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "ui/settings/LoginServerCard.h"

#include <QFile>
#include <QFileDialog>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

class TestLoginServerCard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    MemorySecretStore m_secrets;
    std::unique_ptr<Tenant> m_tenant;
    std::unique_ptr<LoginServerCard> m_card;
    quint16 m_port = 0;

    template<typename T>
    T *child(const QString &name) const
    {
        return m_card->findChild<T *>(name);
    }
    QString stateText() const { return child<QLabel>(QStringLiteral("serverStateLabel"))->text(); }
    QString keysText() const { return child<QLabel>(QStringLiteral("signingKeysLabel"))->text(); }
    void startServer();

private Q_SLOTS:
    void init();
    void cleanup();
    void startAndStop();
    void busyPortIsShownWithItsNumber();
    void rotateKeepsThePreviousKey();
    void cancelledRotationChangesNothing();
    void httpsOffersItsCaCertificate();
};

void TestLoginServerCard::init()
{
    auto opened = Tenant::open(
        m_dir.filePath(QStringLiteral("card-%1.authdeck").arg(QLatin1String(QTest::currentTestFunction()))),
        m_secrets);
    QVERIFY(opened);
    m_tenant = opened.takeValue();
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    m_port = probe.serverPort();
    probe.close();
    TenantSettings::Values values = m_tenant->settings().values();
    values.domain = QStringLiteral("http://localhost:%1").arg(m_port);
    QVERIFY(m_tenant->settings().save(values));
    m_card = std::make_unique<LoginServerCard>(m_tenant->loginServer(), m_tenant->settings());
    m_card->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_card.get()));
}

void TestLoginServerCard::cleanup()
{
    m_card.reset();
    m_tenant.reset();
}

void TestLoginServerCard::startServer()
{
    QVERIFY(stateText().startsWith(QLatin1String("Stopped")));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("startServerButton")), Qt::LeftButton);
    QTRY_COMPARE(stateText(), QStringLiteral("Running at http://localhost:%1").arg(m_port));
}

void TestLoginServerCard::startAndStop()
{
    startServer();
    QVERIFY(!child<QPushButton>(QStringLiteral("startServerButton"))->isEnabled());
    QVERIFY(keysText().startsWith(QLatin1String("Current key: ")));
    QVERIFY(!child<QPushButton>(QStringLiteral("saveCaButton"))->isVisible()); // plain HTTP: no CA
    QTest::mouseClick(child<QPushButton>(QStringLiteral("stopServerButton")), Qt::LeftButton);
    QVERIFY(stateText().startsWith(QLatin1String("Stopped")));
    QCOMPARE(m_tenant->loginServer().state(), LoginServer::State::Stopped);
    QVERIFY(child<QPushButton>(QStringLiteral("startServerButton"))->isEnabled());
}

void TestLoginServerCard::busyPortIsShownWithItsNumber()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, m_port));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("startServerButton")), Qt::LeftButton);
    QTRY_VERIFY(stateText().startsWith(QLatin1String("Not running")));
    QVERIFY2(stateText().contains(QString::number(m_port)), qPrintable(stateText()));
    QVERIFY(child<QPushButton>(QStringLiteral("startServerButton"))->isEnabled());
    QVERIFY(!child<QPushButton>(QStringLiteral("stopServerButton"))->isEnabled());
}

void TestLoginServerCard::rotateKeepsThePreviousKey()
{
    startServer();
    const QString first = m_tenant->loginServer().signingKeys().current().keyId();
    QSignalSpy rotated(&m_tenant->loginServer().signingKeys(), &SigningKeyRing::rotated);
    ModalAnswer answer(QStringLiteral("rotateKeyConfirmation"), [](QWidget *modal, QStringList &failures) {
        auto *rotate = modal->findChild<QPushButton *>(QStringLiteral("confirmRotate"));
        UI_CHECK(failures, rotate);
        QTest::mouseClick(rotate, Qt::LeftButton);
    });
    QTest::mouseClick(child<QPushButton>(QStringLiteral("rotateKeyButton")), Qt::LeftButton);
    UI_VERIFY_ANSWERED(answer);
    QVERIFY(rotated.count() == 1 || rotated.wait());
    QCOMPARE(rotated.first().first().toString(), QString());
    const QString second = m_tenant->loginServer().signingKeys().current().keyId();
    QVERIFY(second != first);
    QCOMPARE(keysText(),
             QStringLiteral("Current key: %1\nPrevious key (still published): %2").arg(second, first));
    QCOMPARE(m_tenant->loginServer().signingKeys().jwks().value(QLatin1String("keys")).toArray().size(), 2);
}

void TestLoginServerCard::cancelledRotationChangesNothing()
{
    startServer();
    const QString before = keysText();
    ModalAnswer answer(QStringLiteral("rotateKeyConfirmation"), [](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box && box->button(QMessageBox::Cancel));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    });
    QTest::mouseClick(child<QPushButton>(QStringLiteral("rotateKeyButton")), Qt::LeftButton);
    UI_VERIFY_ANSWERED(answer);
    // exec() has returned: a rotation would have been started by now; none was.
    QCOMPARE(keysText(), before);
    QVERIFY(child<QPushButton>(QStringLiteral("rotateKeyButton"))->isEnabled());
}

void TestLoginServerCard::httpsOffersItsCaCertificate()
{
    TenantSettings::Values values = m_tenant->settings().values();
    values.domain = QStringLiteral("https://localhost:%1").arg(m_port);
    QVERIFY(m_tenant->settings().save(values));
    auto *save = child<QPushButton>(QStringLiteral("saveCaButton"));
    QVERIFY(!save->isVisible());
    QTest::mouseClick(child<QPushButton>(QStringLiteral("startServerButton")), Qt::LeftButton);
    QTRY_COMPARE(stateText(), QStringLiteral("Running at https://localhost:%1").arg(m_port));
    QVERIFY(save->isVisible());
    QVERIFY(child<QLabel>(QStringLiteral("tlsLabel"))->text().contains(QLatin1String("NODE_EXTRA_CA_CERTS")));

    QTest::mouseClick(save, Qt::LeftButton);
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_card->findChild<QFileDialog *>(QStringLiteral("saveCaDialog"))));
    const QString path = m_dir.filePath(QStringLiteral("tenant-ca.pem"));
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog)->accept(); // the Save button
    QTRY_VERIFY(QFile::exists(path));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), m_tenant->loginServer().caCertificatePem());
    QVERIFY(child<QLabel>(QStringLiteral("tlsLabel"))->text().contains(QLatin1String("is saved in")));
}

QTEST_MAIN(TestLoginServerCard)
#include "TestLoginServerCard.moc"
