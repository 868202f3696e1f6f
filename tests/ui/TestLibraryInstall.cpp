// Installing Plivo from the Actions Library on the real main window: the empty Library, the catalog and
// its search, the integration page, consent, the configuration form (credentials, validation, the local
// test phone) and what an install leaves in the tenant and in the secret store.

#include "core/actions/IntegrationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/phone/PhoneNumber.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/common/MessageBar.h"
#include "ui/library/IntegrationPage.h"
#include "ui/library/LibraryPage.h"
#include "ui/shell/MainWindow.h"

#include <QCheckBox>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace {

const QString kAuthId = QStringLiteral("PLIVO_AUTH_ID");
const QString kAuthToken = QStringLiteral("PLIVO_AUTH_TOKEN");
const QString kNumber = QStringLiteral("PLIVO_NUMBER");
const QStringList kInputs {kAuthId, kAuthToken, kNumber};

/// The tenant file and its write-ahead log: where anything the tenant saved can be.
QByteArray tenantBytes(const QString &path)
{
    QByteArray bytes;
    for (const QString &name : QStringList {path, path + QStringLiteral("-wal")}) {
        QFile file(name);
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

} // namespace

class TestLibraryInstall : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void libraryStartsEmpty();
    void catalogSearch_data();
    void catalogSearch();
    void consent_data();
    void consent();
    void installWithCredentials_data();
    void installWithCredentials();
    void invalidInputsAreMarked_data();
    void invalidInputsAreMarked();
    void installForTheTestPhone();

private:
    IntegrationService &service() { return m_tenant->tenant().integrations(); }
    /// Opens the Library, then Add Integration, searches "plivo" and opens its tile.
    void openPlivoPage();
    QPushButton *addButton() const;
    /**
     * @brief Clicks Add Integration, continues past the consent and runs @p configure on the
     *        configuration dialog; checks that both dialogs were answered.
     */
    void addIntegration(const ModalAnswer::Handler &configure);
    /// Waits until the jobs asked of the integration service so far have finished.
    void drainJobs();
    int installedCount();

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
};

void TestLibraryInstall::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_libraryinstall"));
}

void TestLibraryInstall::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    QVERIFY2(m_tenant->tenant().sms().startSandbox(),
             qPrintable(m_tenant->tenant().sms().sandbox().errorString()));
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestLibraryInstall::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

QPushButton *TestLibraryInstall::addButton() const
{
    return m_window->page(Page::Id::Integration)->findChild<QPushButton *>(QStringLiteral("addIntegration"));
}

void TestLibraryInstall::openPlivoPage()
{
    QVERIFY(m_window->showPage(Page::Id::ActionsLibrary));
    auto *add = m_window->page(Page::Id::ActionsLibrary)
                    ->findChild<QPushButton *>(QStringLiteral("addIntegrationButton"));
    QVERIFY(add);
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(m_window->currentPageId(), Page::Id::ActionsCatalog);
    Page *catalog = m_window->page(Page::Id::ActionsCatalog);
    auto *search = catalog->findChild<QLineEdit *>(QStringLiteral("catalogSearch"));
    QVERIFY(search);
    UiTest::retype(search, QStringLiteral("plivo"));
    auto *tile = catalog->findChild<QPushButton *>(QStringLiteral("catalog-plivo"));
    QVERIFY(tile);
    QTRY_VERIFY(tile->isVisible());
    QTest::mouseClick(tile, Qt::LeftButton);
    QCOMPARE(m_window->currentPageId(), Page::Id::Integration);
    auto *title = m_window->page(Page::Id::Integration)->findChild<QLabel *>(QStringLiteral("pageTitle"));
    QVERIFY(title);
    QCOMPARE(title->text(), QStringLiteral("Plivo"));
    QVERIFY(addButton());
    QVERIFY(addButton()->isEnabled());
}

void TestLibraryInstall::addIntegration(const ModalAnswer::Handler &configure)
{
    std::unique_ptr<ModalAnswer> configuration;
    ModalAnswer consent(QStringLiteral("consentDialog"), [&](QWidget *dialog, QStringList &failures) {
        auto *scope = dialog->findChild<QLabel *>(QStringLiteral("consentScope"));
        UI_CHECK(failures, scope);
        UI_CHECK(failures, scope->text().contains(QStringLiteral("Read and share user profile information")));
        auto *proceed = dialog->findChild<QPushButton *>(QStringLiteral("consentContinue"));
        UI_CHECK(failures, proceed);
        configuration
            = std::make_unique<ModalAnswer>(QStringLiteral("configureIntegrationDialog"), configure);
        QTest::mouseClick(proceed, Qt::LeftButton);
    });
    QTest::mouseClick(addButton(), Qt::LeftButton);
    UI_VERIFY_ANSWERED(consent);
    QVERIFY(configuration);
    UI_VERIFY_ANSWERED(*configuration);
}

void TestLibraryInstall::drainJobs()
{
    // Jobs run one at a time in the order asked: once this one has finished, every earlier one has.
    IntegrationJob *job = service().uninstall(QStringLiteral("no-such-integration"));
    QSignalSpy spy(job, &IntegrationJob::finished);
    QVERIFY(spy.wait(5000));
}

int TestLibraryInstall::installedCount()
{
    const auto list = service().list();
    return list ? int(list.value().size()) : -1;
}

void TestLibraryInstall::libraryStartsEmpty()
{
    // The sidebar entry opens the Library.
    auto *sidebar = m_window->findChild<QListWidget *>(QStringLiteral("sidebarList"));
    QVERIFY(sidebar);
    const QList<QListWidgetItem *> entries = sidebar->findItems(QStringLiteral("Library"), Qt::MatchExactly);
    QCOMPARE(entries.size(), 1);
    QTest::mouseClick(
        sidebar->viewport(), Qt::LeftButton, {}, sidebar->visualItemRect(entries.constFirst()).center());
    QCOMPARE(m_window->currentPageId(), Page::Id::ActionsLibrary);

    Page *library = m_window->page(Page::Id::ActionsLibrary);
    QVERIFY(library->isVisible());
    auto *count = library->findChild<QLabel *>(QStringLiteral("installedCount"));
    QVERIFY(count);
    QCOMPARE(count->text(), QStringLiteral("No integrations installed yet. Add one from the catalog."));
    QVERIFY(!library->findChild<QFrame *>(QStringLiteral("integration-plivo")));
    QCOMPARE(installedCount(), 0);
}

void TestLibraryInstall::catalogSearch_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("found");

    QTest::newRow("plivo") << QStringLiteral("plivo") << true;
    QTest::newRow("another case") << QStringLiteral("PLiVO") << true;
    QTest::newRow("words of the summary") << QStringLiteral("one-time codes") << true;
    QTest::newRow("nothing typed: everything") << QString() << true;
    QTest::newRow("zzz: nothing") << QStringLiteral("zzz") << false;
}

void TestLibraryInstall::catalogSearch()
{
    QFETCH(QString, text);
    QFETCH(bool, found);
    QVERIFY(m_window->showPage(Page::Id::ActionsLibrary));
    QTest::mouseClick(m_window->page(Page::Id::ActionsLibrary)
                          ->findChild<QPushButton *>(QStringLiteral("addIntegrationButton")),
                      Qt::LeftButton);
    QCOMPARE(m_window->currentPageId(), Page::Id::ActionsCatalog);
    Page *catalog = m_window->page(Page::Id::ActionsCatalog);
    auto *search = catalog->findChild<QLineEdit *>(QStringLiteral("catalogSearch"));
    auto *empty = catalog->findChild<QLabel *>(QStringLiteral("catalogEmpty"));
    QVERIFY(search && empty);
    QVERIFY(catalog->findChild<QPushButton *>(QStringLiteral("catalog-plivo"))); // all entries at first

    UiTest::retype(search, QStringLiteral("x")); // a text to replace, so that an empty one is typed too
    UiTest::retype(search, text);
    QCOMPARE(search->text(), text);
    auto *tile = catalog->findChild<QPushButton *>(QStringLiteral("catalog-plivo"));
    QCOMPARE(tile != nullptr, found);
    QCOMPARE(empty->isVisible(), !found);
    if (found) {
        QTRY_VERIFY(tile->isVisible());
        QCOMPARE(tile->accessibleName(), QStringLiteral("Plivo"));
    } else {
        QVERIFY(empty->text().contains(text));
    }
}

void TestLibraryInstall::consent_data()
{
    QTest::addColumn<bool>("proceed");

    QTest::newRow("Cancel: no configuration, nothing installed") << false;
    QTest::newRow("Continue, then Cancel the configuration: nothing installed") << true;
}

void TestLibraryInstall::consent()
{
    QFETCH(bool, proceed);
    openPlivoPage();
    if (QTest::currentTestFailed())
        return;

    std::unique_ptr<ModalAnswer> next;
    ModalAnswer consent(QStringLiteral("consentDialog"), [&](QWidget *dialog, QStringList &failures) {
        auto *button = dialog->findChild<QPushButton *>(proceed ? QStringLiteral("consentContinue")
                                                                : QStringLiteral("consentCancel"));
        UI_CHECK(failures, button);
        // After Cancel, any dialog that opens is refused (and recorded) rather than left waiting.
        next = std::make_unique<ModalAnswer>(
            QStringLiteral("configureIntegrationDialog"),
            [](QWidget *configure, QStringList &failures) {
                auto *cancel = configure->findChild<QPushButton *>(QStringLiteral("cancelButton"));
                UI_CHECK(failures, configure->findChild<QLineEdit *>(QStringLiteral("input-PLIVO_AUTH_ID")));
                UI_CHECK(failures, cancel);
                QTest::mouseClick(cancel, Qt::LeftButton);
            },
            proceed ? 5000 : 300);
        QTest::mouseClick(button, Qt::LeftButton);
    });
    QTest::mouseClick(addButton(), Qt::LeftButton);
    UI_VERIFY_ANSWERED(consent);
    QVERIFY(next);
    if (proceed) {
        UI_VERIFY_ANSWERED(*next);
    } else {
        QTRY_VERIFY(next->isDone());
        QVERIFY2(!next->answered(), qPrintable(next->failures().join(QLatin1Char('\n'))));
    }

    QCOMPARE(m_window->currentPageId(), Page::Id::Integration);
    drainJobs();
    QCOMPARE(installedCount(), 0);
    QCOMPARE(m_tenant->secrets().count(), 0);
    QVERIFY(addButton()->isEnabled());
}

void TestLibraryInstall::installWithCredentials_data()
{
    QTest::addColumn<QString>("typedNumber");
    QTest::addColumn<QString>("e164");

    QTest::newRow("E.164 as typed") << QStringLiteral("+14155550123") << QStringLiteral("+14155550123");
    QTest::newRow("spaces and dashes") << QStringLiteral("+1 415-555-0123") << QStringLiteral("+14155550123");
    QTest::newRow("national US number") << QStringLiteral("(415) 555-0123") << QStringLiteral("+14155550123");
    QTest::newRow("UK number") << QStringLiteral("+44 20 7946 0958") << QStringLiteral("+442079460958");
}

void TestLibraryInstall::installWithCredentials()
{
    QFETCH(QString, typedNumber);
    QFETCH(QString, e164);
    const QString authId = QStringLiteral("MAQ7ZK2P9D4XW8R1T6YB");
    const QString token = QStringLiteral("s3cr3t-Token-Value-4242");
    openPlivoPage();
    if (QTest::currentTestFailed())
        return;

    QSignalSpy installed(&service(), &IntegrationService::integrationInstalled);
    addIntegration([&](QWidget *dialog, QStringList &failures) {
        const QString values[] = {authId, token, typedNumber};
        for (int i = 0; i < kInputs.size(); ++i) {
            auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("input-") + kInputs.at(i));
            UI_CHECK(failures, edit);
            UI_CHECK(failures, edit->isEnabled());
            UiTest::retype(edit, values[i]);
        }
        auto *tokenEdit = dialog->findChild<QLineEdit *>(QStringLiteral("input-PLIVO_AUTH_TOKEN"));
        UI_CHECK(failures, tokenEdit->echoMode() == QLineEdit::Password);
        auto *save = dialog->findChild<QPushButton *>(QStringLiteral("saveIntegrationButton"));
        UI_CHECK(failures, save);
        UI_CHECK(failures, save->text() == QStringLiteral("Create"));
        QTest::mouseClick(save, Qt::LeftButton);
        UI_CHECK(failures, QTest::qWaitFor([dialog] { return !dialog->isVisible(); }, 5000));
    });
    if (QTest::currentTestFailed())
        return;

    // Back on the Library, which shows the new card.
    QCOMPARE(installed.count(), 1);
    QCOMPARE(m_window->currentPageId(), Page::Id::ActionsLibrary);
    Page *library = m_window->page(Page::Id::ActionsLibrary);
    auto *card = library->findChild<QFrame *>(QStringLiteral("integration-plivo"));
    QVERIFY(card);
    QTRY_VERIFY(card->isVisible());
    QVERIFY(card->accessibleName().contains(e164));
    auto *message = library->findChild<MessageBar *>();
    QVERIFY(message);
    QCOMPARE(message->level(), MessageBar::Level::Success);
    QVERIFY(message->isVisible());

    const auto list = service().list();
    QVERIFY2(list, errorBytes(list));
    QCOMPARE(list.value().size(), 1);
    const Integration integration = list.value().constFirst();
    QCOMPARE(integration.catalogId, QStringLiteral("plivo"));
    QCOMPARE(integration.configuration.value(kNumber), e164);
    QCOMPARE(integration.configuration.size(), 1); // no secret among the configuration
    QCOMPARE(integration.secretsSet, (QStringList {kAuthId, kAuthToken}));
    QVERIFY(!integration.useSandbox);

    const QString tenantId = m_tenant->tenant().id();
    const SecretJobResult storedId = waitForJob(
        m_tenant->secrets().read(IntegrationService::secretKey(tenantId, integration.id, kAuthId)));
    const SecretJobResult storedToken = waitForJob(
        m_tenant->secrets().read(IntegrationService::secretKey(tenantId, integration.id, kAuthToken)));
    QVERIFY2(storedId.succeeded(), qPrintable(storedId.errorString));
    QVERIFY2(storedToken.succeeded(), qPrintable(storedToken.errorString));
    QCOMPARE(storedId.value, authId.toUtf8());
    QCOMPARE(storedToken.value, token.toUtf8());
    QCOMPARE(m_tenant->secrets().count(), 2);

    // The tenant file holds the number, never the secrets.
    const QByteArray file = tenantBytes(m_tenant->path());
    QVERIFY(file.contains(e164.toUtf8()));
    QVERIFY(!file.contains(token.toUtf8()));
    QVERIFY(!file.contains(authId.toUtf8()));

    // An entry is installed once: its page says so.
    QVERIFY(m_window->showPage(Page::Id::Integration, QStringLiteral("plivo")));
    QVERIFY(!addButton()->isEnabled());
}

void TestLibraryInstall::invalidInputsAreMarked_data()
{
    QTest::addColumn<QString>("authId");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("number");
    QTest::addColumn<QStringList>("wrong");

    const QString goodId = QStringLiteral("MAQ7ZK2P9D4XW8R1T6YB");
    const QString goodToken = QStringLiteral("token-value");
    const QString goodNumber = QStringLiteral("+14155550123");
    QTest::newRow("bad Auth ID") << QStringLiteral("XX123") << goodToken << goodNumber
                                 << QStringList {kAuthId};
    QTest::newRow("Auth ID in lower case")
        << goodId.toLower() << goodToken << goodNumber << QStringList {kAuthId};
    QTest::newRow("impossible number")
        << goodId << goodToken << QStringLiteral("+1 555") << QStringList {kNumber};
    QTest::newRow("not a number") << goodId << goodToken << QStringLiteral("call me")
                                  << QStringList {kNumber};
    QTest::newRow("missing token") << goodId << QString() << goodNumber << QStringList {kAuthToken};
    QTest::newRow("nothing at all") << QString() << QString() << QString() << kInputs;
}

void TestLibraryInstall::invalidInputsAreMarked()
{
    QFETCH(QString, authId);
    QFETCH(QString, token);
    QFETCH(QString, number);
    QFETCH(QStringList, wrong);
    openPlivoPage();
    if (QTest::currentTestFailed())
        return;

    addIntegration([&](QWidget *dialog, QStringList &failures) {
        const QString values[] = {authId, token, number};
        for (int i = 0; i < kInputs.size(); ++i) {
            auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("input-") + kInputs.at(i));
            UI_CHECK(failures, edit);
            UiTest::retype(edit, values[i]);
        }
        auto *save = dialog->findChild<QPushButton *>(QStringLiteral("saveIntegrationButton"));
        auto *formError = dialog->findChild<QLabel *>(QStringLiteral("formError"));
        UI_CHECK(failures, save && formError);
        QTest::mouseClick(save, Qt::LeftButton);
        for (const QString &key : kInputs) {
            auto *error = dialog->findChild<QLabel *>(QStringLiteral("error-") + key);
            UI_CHECK(failures, error);
            const bool marked = error->isVisible() && !error->text().isEmpty();
            if (marked != wrong.contains(key))
                failures.append(
                    QStringLiteral("%1 marked: %2 (“%3”)").arg(key).arg(marked).arg(error->text()));
        }
        if (wrong.contains(kNumber) && !number.isEmpty()) {
            auto *error = dialog->findChild<QLabel *>(QStringLiteral("error-PLIVO_NUMBER"));
            const auto refused = PhoneNumber::toE164(number, {});
            UI_CHECK(failures, !refused);
            UI_CHECK(failures, error->text() == refused.error().message());
        }
        UI_CHECK(failures, formError->isVisible());
        UI_CHECK(failures, dialog->isVisible()); // the dialog stays open to fix the fields
        UiTest::closeModal(dialog);
    });
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(m_window->currentPageId(), Page::Id::Integration);
    drainJobs();
    QCOMPARE(installedCount(), 0);
    QCOMPARE(m_tenant->secrets().count(), 0);
}

void TestLibraryInstall::installForTheTestPhone()
{
    openPlivoPage();
    if (QTest::currentTestFailed())
        return;

    addIntegration([&](QWidget *dialog, QStringList &failures) {
        auto *check = dialog->findChild<QCheckBox *>(QStringLiteral("useSandboxCheck"));
        auto *authId = dialog->findChild<QLineEdit *>(QStringLiteral("input-PLIVO_AUTH_ID"));
        auto *token = dialog->findChild<QLineEdit *>(QStringLiteral("input-PLIVO_AUTH_TOKEN"));
        auto *number = dialog->findChild<QLineEdit *>(QStringLiteral("input-PLIVO_NUMBER"));
        UI_CHECK(failures, check && authId && token && number);
        UI_CHECK(failures, !check->isChecked());
        UI_CHECK(failures, number->text().isEmpty());
        UiTest::retype(token, QStringLiteral("typed before the choice"));

        QTest::mouseClick(check, Qt::LeftButton);
        UI_CHECK(failures, check->isChecked());
        UI_CHECK(failures, !authId->isEnabled());
        UI_CHECK(failures, !token->isEnabled());
        UI_CHECK(failures, token->text().isEmpty()); // nothing typed is kept for the test phone
        UI_CHECK(failures, !number->isEnabled()); // the test phone's own number, nothing to choose
        UI_CHECK(failures, number->text() == PlivoSandbox::senderNumber());

        auto *save = dialog->findChild<QPushButton *>(QStringLiteral("saveIntegrationButton"));
        UI_CHECK(failures, save);
        QTest::mouseClick(save, Qt::LeftButton);
        UI_CHECK(failures, QTest::qWaitFor([dialog] { return !dialog->isVisible(); }, 5000));
    });
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(m_window->currentPageId(), Page::Id::ActionsLibrary);
    auto *card
        = m_window->page(Page::Id::ActionsLibrary)->findChild<QFrame *>(QStringLiteral("integration-plivo"));
    QVERIFY(card);
    const auto list = service().list();
    QVERIFY2(list, errorBytes(list));
    QCOMPARE(list.value().size(), 1);
    const Integration integration = list.value().constFirst();
    QVERIFY(integration.useSandbox);
    QVERIFY(integration.secretsSet.isEmpty());
    QCOMPARE(integration.configuration.value(kNumber), PlivoSandbox::senderNumber());
    QCOMPARE(m_tenant->secrets().count(), 0);
}

QTEST_MAIN(TestLibraryInstall)
#include "TestLibraryInstall.moc"
