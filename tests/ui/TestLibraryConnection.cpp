// The configuration dialog of Plivo talking to Plivo: Test connection, the number picker, the local test
// phone that needs none of them, and editing an installed integration whose secrets are never shown.
// "Plivo" is a second local sandbox that the tenant's Plivo client is pointed at; the tenant's own
// sandbox is the local test phone.

#include "core/actions/IntegrationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/plivo/PlivoClient.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/library/ConfigureIntegrationDialog.h"
#include "ui/shell/Theme.h"

#include <QCheckBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace {

const QString kAuthId = QStringLiteral("PLIVO_AUTH_ID");
const QString kAuthToken = QStringLiteral("PLIVO_AUTH_TOKEN");
const QString kNumber = QStringLiteral("PLIVO_NUMBER");

/// The result line of a successful Test connection against a sandbox.
QString connectedText()
{
    return QStringLiteral("Connected to “Authdeck Sandbox” · standard account · 10.00000 credit");
}

QByteArray basicAuth(const PlivoCredentials &credentials)
{
    return "Basic " + (credentials.authId + QLatin1Char(':') + credentials.authToken).toUtf8().toBase64();
}

} // namespace

class TestLibraryConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void testConnection_data();
    void testConnection();
    void testConnectionTimesOut();
    void testPhoneNeedsNothing_data();
    void testPhoneNeedsNothing();
    void pickNumber_data();
    void pickNumber();
    void editShowsNoSecrets();
    void editTestsWithStoredSecrets_data();
    void editTestsWithStoredSecrets();
    void editReplacesOnlyTypedSecrets_data();
    void editReplacesOnlyTypedSecrets();

private:
    IntegrationService &service() { return m_tenant->tenant().integrations(); }
    SmsGateway &gateway() { return m_tenant->tenant().sms(); }
    /// Opens the dialog that installs Plivo.
    void openForInstall();
    /// Installs Plivo with @p credentials through the service and opens the dialog that edits it.
    void openForEdit(const PlivoCredentials &credentials);
    QLineEdit *input(const QString &key) const;
    QLabel *connectionResult() const;
    QPushButton *button(const QString &name) const;
    SecretJobResult storedSecret(const QString &key);

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<PlivoSandbox> m_plivo;
    std::unique_ptr<ConfigureIntegrationDialog> m_dialog;
    Integration m_installed;
};

void TestLibraryConnection::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_libraryconnection"));
}

void TestLibraryConnection::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    QVERIFY2(gateway().startSandbox(), qPrintable(gateway().sandbox().errorString()));
    m_plivo = std::make_unique<PlivoSandbox>();
    QVERIFY2(m_plivo->start(), qPrintable(m_plivo->errorString()));
    gateway().client(false).setBaseUrl(m_plivo->baseUrl());
}

void TestLibraryConnection::cleanup()
{
    m_dialog.reset();
    m_installed = {};
    m_tenant.reset();
    m_plivo.reset();
}

void TestLibraryConnection::openForInstall()
{
    const CatalogEntry *entry = service().catalog().find(QStringLiteral("plivo"));
    QVERIFY(entry);
    m_dialog = std::make_unique<ConfigureIntegrationDialog>(service(), gateway(), *entry);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestLibraryConnection::openForEdit(const PlivoCredentials &credentials)
{
    IntegrationJob *job = service().install(
        QStringLiteral("plivo"),
        {{kNumber, QStringLiteral("+14155550100")}},
        {{kAuthId, credentials.authId.toUtf8()}, {kAuthToken, credentials.authToken.toUtf8()}},
        false);
    QSignalSpy finished(job, &IntegrationJob::finished);
    QVERIFY(finished.wait(5000));
    const auto installed = service().findByCatalogId(QStringLiteral("plivo"));
    QVERIFY2(installed, errorBytes(installed));
    QVERIFY(installed.value().has_value());
    m_installed = *installed.value();
    m_dialog = std::make_unique<ConfigureIntegrationDialog>(service(), gateway(), m_installed);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

QLineEdit *TestLibraryConnection::input(const QString &key) const
{
    return m_dialog->findChild<QLineEdit *>(QStringLiteral("input-") + key);
}

QLabel *TestLibraryConnection::connectionResult() const
{
    return m_dialog->findChild<QLabel *>(QStringLiteral("connectionResult"));
}

QPushButton *TestLibraryConnection::button(const QString &name) const
{
    return m_dialog->findChild<QPushButton *>(name);
}

SecretJobResult TestLibraryConnection::storedSecret(const QString &key)
{
    return waitForJob(m_tenant->secrets().read(
        IntegrationService::secretKey(m_tenant->tenant().id(), m_installed.id, key)));
}

void TestLibraryConnection::testConnection_data()
{
    QTest::addColumn<QString>("authId");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("expected"); ///< the result line, or how it starts
    QTest::addColumn<bool>("connected");

    const PlivoCredentials good = PlivoSandbox::credentials();
    const QString refused = QStringLiteral("Plivo refused the credentials (401)");
    QTest::newRow("good credentials") << good.authId << good.authToken << connectedText() << true;
    QTest::newRow("bad token: 401") << good.authId << QStringLiteral("not-the-token") << refused << false;
    QTest::newRow("unknown Auth ID: 401")
        << QStringLiteral("MAQ7ZK2P9D4XW8R1T6YB") << good.authToken << refused << false;
    QTest::newRow("nothing typed") << QString() << QString()
                                   << QStringLiteral("Enter the Auth ID and the Auth Token first.") << false;
}

void TestLibraryConnection::testConnection()
{
    QFETCH(QString, authId);
    QFETCH(QString, token);
    QFETCH(QString, expected);
    QFETCH(bool, connected);
    openForInstall();
    if (QTest::currentTestFailed())
        return;
    QVERIFY(input(kAuthId) && input(kAuthToken) && connectionResult());
    UiTest::retype(input(kAuthId), authId);
    UiTest::retype(input(kAuthToken), token);
    const int plivoRequests = m_plivo->requestCount();
    const int phoneRequests = gateway().sandbox().requestCount();

    QPushButton *test = button(QStringLiteral("testConnectionButton"));
    QVERIFY(test);
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY(test->isEnabled());
    QTRY_VERIFY(connectionResult()->text() != QStringLiteral("Connecting…"));
    if (expected == connectedText())
        QCOMPARE(connectionResult()->text(), expected);
    else
        QVERIFY2(connectionResult()->text().startsWith(expected), qPrintable(connectionResult()->text()));
    QCOMPARE(connectionResult()->property("role").toString(),
             connected ? QStringLiteral("success") : QStringLiteral("error"));

    // Each check goes to Plivo, or nowhere when nothing was typed; never to the test phone.
    const bool asked = !authId.isEmpty();
    QCOMPARE(gateway().sandbox().requestCount(), phoneRequests);
    QCOMPARE(m_plivo->requestCount(), plivoRequests + (asked ? 1 : 0));
    if (asked)
        QCOMPARE(m_plivo->lastRequestHeader("Authorization"), basicAuth({authId, token}));
}

void TestLibraryConnection::testPhoneNeedsNothing_data()
{
    QTest::addColumn<bool>("editing");
    QTest::addColumn<QString>("typedNumber");

    QTest::newRow("install, no number typed") << false << QString();
    QTest::newRow("install, a Plivo number typed") << false << QStringLiteral("+15554443232");
    QTest::newRow("edit an installed integration") << true << QString();
}

void TestLibraryConnection::testPhoneNeedsNothing()
{
    QFETCH(bool, editing);
    QFETCH(QString, typedNumber);
    Theme::instance().apply(Theme::Mode::Light); // the look of a field that does not apply is checked too
    if (editing)
        openForEdit(PlivoSandbox::credentials());
    else
        openForInstall();
    if (QTest::currentTestFailed())
        return;
    auto *check = m_dialog->findChild<QCheckBox *>(QStringLiteral("useSandboxCheck"));
    auto *note = m_dialog->findChild<QLabel *>(QStringLiteral("sandboxNote"));
    QVERIFY(check && note);
    QVERIFY(!note->isVisible());
    if (!typedNumber.isEmpty())
        UiTest::retype(input(kNumber), typedNumber);
    const QString plivoNumber = input(kNumber)->text();
    UiTest::retype(input(kAuthToken), QStringLiteral("typed before the choice"));

    QTest::mouseClick(check, Qt::LeftButton);
    QVERIFY(check->isChecked());
    // Nothing of the Plivo account applies: disabled, and looking it.
    const QColor readonly = Theme::instance().color(QStringLiteral("readonly"));
    for (const QString &key : {kAuthId, kAuthToken, kNumber}) {
        QLineEdit *edit = input(key);
        QVERIFY2(!edit->isEnabled(), qPrintable(key));
        const QImage look = edit->grab().toImage();
        QCOMPARE(look.pixelColor(look.width() - 8, look.height() / 2), readonly);
        QLabel *label = nullptr;
        const QList<QLabel *> labels = m_dialog->findChildren<QLabel *>();
        for (QLabel *candidate : labels)
            label = candidate->buddy() == edit ? candidate : label;
        QVERIFY2(label && !label->isEnabled(), qPrintable(key)); // its label is muted with it
    }
    QVERIFY(input(kAuthToken)->text().isEmpty()); // nothing typed for Plivo is kept for the test phone
    QCOMPARE(input(kAuthId)->placeholderText(), QStringLiteral("Not needed for the test phone"));
    QCOMPARE(input(kNumber)->text(), PlivoSandbox::senderNumber()); // the test phone's own number
    QVERIFY(!button(QStringLiteral("pickNumberButton"))->isEnabled());
    QVERIFY(!button(QStringLiteral("testConnectionButton"))->isEnabled());
    // The form says what the test phone needs: nothing.
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().startsWith(QStringLiteral("The test phone needs nothing from you")),
             qPrintable(note->text()));
    QVERIFY(note->text().contains(PlivoSandbox::senderNumber()));

    // Back to Plivo: the fields apply again, with the number that was typed for it.
    QTest::mouseClick(check, Qt::LeftButton);
    QVERIFY(!check->isChecked());
    for (const QString &key : {kAuthId, kAuthToken, kNumber})
        QVERIFY2(input(key)->isEnabled(), qPrintable(key));
    QVERIFY(button(QStringLiteral("pickNumberButton"))->isEnabled());
    QVERIFY(button(QStringLiteral("testConnectionButton"))->isEnabled());
    QCOMPARE(input(kNumber)->text(), plivoNumber == PlivoSandbox::senderNumber() ? QString() : plivoNumber);
    QVERIFY(!note->isVisible());
}

void TestLibraryConnection::testConnectionTimesOut()
{
    m_plivo->setFailureMode(PlivoSandbox::FailureMode::SlowReply);
    m_plivo->setSlowReplyMs(10000);
    gateway().client(false).setTimeoutMs(300);
    openForInstall();
    if (QTest::currentTestFailed())
        return;
    UiTest::retype(input(kAuthId), PlivoSandbox::credentials().authId);
    UiTest::retype(input(kAuthToken), PlivoSandbox::credentials().authToken);
    QPushButton *test = button(QStringLiteral("testConnectionButton"));
    QVERIFY(test);
    QTest::mouseClick(test, Qt::LeftButton);
    QVERIFY(!test->isEnabled()); // one check at a time
    QCOMPARE(connectionResult()->text(), QStringLiteral("Connecting…"));
    QTRY_VERIFY(test->isEnabled());
    QVERIFY2(connectionResult()->text().startsWith(QStringLiteral("Plivo did not answer in time")),
             qPrintable(connectionResult()->text()));
    QCOMPARE(connectionResult()->property("role").toString(), QStringLiteral("error"));
}

void TestLibraryConnection::pickNumber_data()
{
    QTest::addColumn<QStringList>("numbers"); ///< the account's numbers as set on the sandbox
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("pick"); ///< -1: no menu
    QTest::addColumn<QStringList>("listed"); ///< E.164
    QTest::addColumn<QString>("problem"); ///< how the result line starts when there is no menu

    const QString good = PlivoSandbox::credentials().authToken;
    const QStringList two {QStringLiteral("14155550123"), QStringLiteral("+442079460958")};
    const QStringList twoE164 {QStringLiteral("+14155550123"), QStringLiteral("+442079460958")};
    QTest::newRow("Plivo account, first number") << two << good << 0 << twoE164 << QString();
    QTest::newRow("Plivo account, second number") << two << good << 1 << twoE164 << QString();
    QTest::newRow("no SMS number") << QStringList() << good << -1 << QStringList()
                                   << QStringLiteral("The account has no SMS-enabled number.");
    QTest::newRow("bad token") << two << QStringLiteral("wrong") << -1 << QStringList()
                               << QStringLiteral("Plivo refused the credentials (401)");
}

void TestLibraryConnection::pickNumber()
{
    QFETCH(QStringList, numbers);
    QFETCH(QString, token);
    QFETCH(int, pick);
    QFETCH(QStringList, listed);
    QFETCH(QString, problem);
    m_plivo->setNumbers(numbers);
    openForInstall();
    if (QTest::currentTestFailed())
        return;
    UiTest::retype(input(kAuthId), PlivoSandbox::credentials().authId);
    UiTest::retype(input(kAuthToken), token);
    const QString before = input(kNumber)->text();

    QPushButton *pickButton = button(QStringLiteral("pickNumberButton"));
    QVERIFY(pickButton);
    QTest::mouseClick(pickButton, Qt::LeftButton);
    QTRY_VERIFY(pickButton->isEnabled());
    auto *menu = m_dialog->findChild<QMenu *>(QStringLiteral("numberMenu"));
    if (pick < 0) {
        QVERIFY(!menu);
        QVERIFY2(connectionResult()->text().startsWith(problem), qPrintable(connectionResult()->text()));
        QCOMPARE(input(kNumber)->text(), before);
        return;
    }
    QVERIFY(menu);
    QTRY_VERIFY(menu->isVisible());
    const QList<QAction *> actions = menu->actions();
    QCOMPARE(actions.size(), listed.size());
    for (int i = 0; i < listed.size(); ++i)
        QVERIFY2(actions.at(i)->text().startsWith(listed.at(i) + QStringLiteral(" · ")),
                 qPrintable(actions.at(i)->text()));
    actions.at(pick)->trigger();
    QCOMPARE(input(kNumber)->text(), listed.at(pick));
    auto *error = m_dialog->findChild<QLabel *>(QStringLiteral("error-PLIVO_NUMBER"));
    QVERIFY(error);
    QVERIFY(!error->isVisible());
    menu->close();
}

void TestLibraryConnection::editShowsNoSecrets()
{
    openForEdit(PlivoSandbox::credentials());
    if (QTest::currentTestFailed())
        return;
    for (const QString &key : {kAuthId, kAuthToken}) {
        QLineEdit *edit = input(key);
        QVERIFY(edit);
        QVERIFY(edit->text().isEmpty());
        QVERIFY(edit->isEnabled());
        QVERIFY2(edit->placeholderText().startsWith(QStringLiteral("Set")),
                 qPrintable(edit->placeholderText()));
    }
    QCOMPARE(input(kNumber)->text(), QStringLiteral("+14155550100"));
    QCOMPARE(button(QStringLiteral("saveIntegrationButton"))->text(), QStringLiteral("Save"));
    QVERIFY(!m_dialog->findChild<QCheckBox *>(QStringLiteral("useSandboxCheck"))->isChecked());
}

void TestLibraryConnection::editTestsWithStoredSecrets_data()
{
    QTest::addColumn<QString>("storedToken");
    QTest::addColumn<QString>("typedToken");
    QTest::addColumn<QString>("usedToken");
    QTest::addColumn<bool>("connected");

    const QString good = PlivoSandbox::credentials().authToken;
    const QString old = QStringLiteral("an-old-token");
    QTest::newRow("nothing typed: the stored secrets") << good << QString() << good << true;
    QTest::newRow("nothing typed, stored token wrong: 401") << old << QString() << old << false;
    QTest::newRow("new token typed: it, with the stored Auth ID") << old << good << good << true;
}

void TestLibraryConnection::editTestsWithStoredSecrets()
{
    QFETCH(QString, storedToken);
    QFETCH(QString, typedToken);
    QFETCH(QString, usedToken);
    QFETCH(bool, connected);
    const QString authId = PlivoSandbox::credentials().authId;
    openForEdit({authId, storedToken});
    if (QTest::currentTestFailed())
        return;
    UiTest::retype(input(kAuthToken), typedToken);

    const int requests = m_plivo->requestCount();
    QPushButton *test = button(QStringLiteral("testConnectionButton"));
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_COMPARE(m_plivo->requestCount(), requests + 1);
    QTRY_VERIFY(test->isEnabled());
    QCOMPARE(m_plivo->lastRequestHeader("Authorization"), basicAuth({authId, usedToken}));
    if (connected)
        QCOMPARE(connectionResult()->text(), connectedText());
    else
        QVERIFY2(connectionResult()->text().startsWith(QStringLiteral("Plivo refused the credentials (401)")),
                 qPrintable(connectionResult()->text()));
    QVERIFY(input(kAuthId)->text().isEmpty()); // a stored secret is used, never shown
}

void TestLibraryConnection::editReplacesOnlyTypedSecrets_data()
{
    QTest::addColumn<QString>("newToken");
    QTest::addColumn<QString>("newNumber");

    QTest::newRow("new token") << QStringLiteral("a-brand-new-token") << QStringLiteral("+14155550100");
    QTest::newRow("new number only") << QString() << QStringLiteral("+14155550111");
}

void TestLibraryConnection::editReplacesOnlyTypedSecrets()
{
    QFETCH(QString, newToken);
    QFETCH(QString, newNumber);
    const PlivoCredentials original = PlivoSandbox::credentials();
    openForEdit(original);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy updated(&service(), &IntegrationService::integrationUpdated);
    QSignalSpy accepted(m_dialog.get(), &QDialog::accepted);
    UiTest::retype(input(kAuthToken), newToken);
    UiTest::retype(input(kNumber), newNumber);
    QTest::mouseClick(button(QStringLiteral("saveIntegrationButton")), Qt::LeftButton);
    QTRY_COMPARE(accepted.count(), 1);
    QVERIFY(!m_dialog->isVisible());
    QCOMPARE(updated.count(), 1);

    const SecretJobResult authId = storedSecret(kAuthId);
    const SecretJobResult token = storedSecret(kAuthToken);
    QVERIFY2(authId.succeeded(), qPrintable(authId.errorString));
    QVERIFY2(token.succeeded(), qPrintable(token.errorString));
    QCOMPARE(authId.value, original.authId.toUtf8()); // untouched: kept
    QCOMPARE(token.value, (newToken.isEmpty() ? original.authToken : newToken).toUtf8());
    QCOMPARE(m_tenant->secrets().count(), 2);

    const auto stored = service().find(m_installed.id);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().configuration.value(kNumber), newNumber);
    QCOMPARE(stored.value().secretsSet, (QStringList {kAuthId, kAuthToken}));
    QCOMPARE(stored.value().revision, m_installed.revision + 1);
}

QTEST_MAIN(TestLibraryConnection)
#include "TestLibraryConnection.moc"
