// Applications > APIs on the real main window: the sidebar entry, the system API's row and page, and its
// Machine to Machine Applications tab: Update writes exactly what was ticked, grants changed elsewhere show
// at once, store errors land in the message bar, and without any machine-to-machine application the tab
// offers to create one.

#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/server/LoginServer.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/apis/ApiClientRow.h"
#include "ui/apis/ApiClientsTab.h"
#include "ui/apis/ApiPage.h"
#include "ui/apis/ClientGrantEditor.h"
#include "ui/common/MessageBar.h"
#include "ui/shell/MainWindow.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

#include <memory>

class TestApisPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void sidebarOpensTheListAndTheApi();
    void updateWritesExactlyWhatWasTicked_data();
    void updateWritesExactlyWhatWasTicked();
    void changeAndTakeBack();
    void grantChangedElsewhereShowsAtOnce();
    void unsavedChoicesSurviveAChangeElsewhere();
    void applicationsComeAndGo();
    void storeErrorInTheMessageBar();
    void emptyStateCreatesAnApplication();

private:
    QString createM2m(const QString &name);
    void openApi();
    ApiPage *apiPage() const { return static_cast<ApiPage *>(m_window->page(Page::Id::Api)); }
    ApiClientRow *row(const QString &clientId) const { return apiPage()->clientsTab()->row(clientId); }
    QCheckBox *box(const QString &clientId, const QString &name) const
    {
        return row(clientId)->findChild<QCheckBox *>(name);
    }
    QPushButton *update(const QString &clientId) const
    {
        return row(clientId)->findChild<QPushButton *>(QStringLiteral("updateGrantButton"));
    }
    QList<ClientGrant> grants(const QString &clientId) const
    {
        return m_tenant->tenant().clientGrants().list(clientId).value();
    }
    QString audience() const { return m_tenant->tenant().loginServer().managementAudience(); }

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
};

void TestApisPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_apispage"));
}

void TestApisPage::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestApisPage::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

QString TestApisPage::createM2m(const QString &name)
{
    auto created
        = m_tenant->tenant().applications().create({name, ApplicationType::MachineToMachine, {}, {}});
    return created ? created.value().clientId : QString();
}

void TestApisPage::openApi()
{
    QVERIFY(m_window->showPage(Page::Id::Api, QStringLiteral("machine-to-machine")));
    QCOMPARE(apiPage()->tabs()->currentWidget(), apiPage()->clientsTab());
}

void TestApisPage::sidebarOpensTheListAndTheApi()
{
    auto *sidebar = m_window->findChild<QListWidget *>(QStringLiteral("sidebarList"));
    QVERIFY(sidebar);
    const QList<QListWidgetItem *> entries = sidebar->findItems(QStringLiteral("APIs"), Qt::MatchExactly);
    QCOMPARE(entries.size(), 1);
    // Under Applications, right after its Applications entry.
    QCOMPARE(sidebar->item(sidebar->row(entries.constFirst()) - 1)->text(), QStringLiteral("Applications"));
    QTest::mouseClick(
        sidebar->viewport(), Qt::LeftButton, {}, sidebar->visualItemRect(entries.constFirst()).center());
    QCOMPARE(m_window->currentPageId(), Page::Id::Apis);

    Page *list = m_window->page(Page::Id::Apis);
    auto *tile = list->findChild<QPushButton *>(QStringLiteral("api-management"));
    QVERIFY(tile);
    QVERIFY(tile->isVisible());
    QCOMPARE(tile->findChild<QLabel *>(QStringLiteral("systemApiBadge"))->text(),
             QStringLiteral("System API"));
    QVERIFY(tile->findChild<QLabel *>(QStringLiteral("apiIdentifier"))->text().endsWith(audience()));
    QVERIFY(audience().endsWith(QLatin1String("/api/v2/")));

    QTest::mouseClick(tile, Qt::LeftButton);
    QCOMPARE(m_window->currentPageId(), Page::Id::Api);
    QCOMPARE(sidebar->currentItem(), entries.constFirst()); // the API page belongs to APIs
    auto *identifier = apiPage()->findChild<QLineEdit *>(QStringLiteral("apiIdentifierEdit"));
    QCOMPARE(identifier->text(), audience());
    QVERIFY(identifier->isReadOnly());
    QCOMPARE(apiPage()->findChild<QLineEdit *>(QStringLiteral("apiSigningAlgorithmEdit"))->text(),
             QStringLiteral("RS256"));
    QCOMPARE(apiPage()->tabs()->tabText(1), QStringLiteral("Machine to Machine Applications"));

    QTest::mouseClick(apiPage()->findChild<QPushButton *>(QStringLiteral("backButton")), Qt::LeftButton);
    QCOMPARE(m_window->currentPageId(), Page::Id::Apis);
}

void TestApisPage::updateWritesExactlyWhatWasTicked_data()
{
    QTest::addColumn<QStringList>("ticked");
    QTest::newRow("one") << QStringList {QStringLiteral("read:users")};
    QTest::newRow("two") << QStringList {QStringLiteral("read:clients"), QStringLiteral("read:logs")};
    QTest::newRow("three") << QStringList {
        QStringLiteral("read:users"), QStringLiteral("read:clients"), QStringLiteral("read:logs")};
}

void TestApisPage::updateWritesExactlyWhatWasTicked()
{
    QFETCH(QStringList, ticked);
    const QString other = createM2m(QStringLiteral("Another job"));
    const QString clientId = createM2m(QStringLiteral("Billing job"));
    QVERIFY(!clientId.isEmpty());
    openApi();
    QVERIFY(!row(clientId)->isExpanded());
    QVERIFY(!update(clientId)->isVisible());

    QSignalSpy created(&m_tenant->tenant().clientGrants(), &ClientGrantService::grantCreated);
    UiTest::clickToggle(box(clientId, QStringLiteral("authorizedCheck")));
    QVERIFY(row(clientId)->isExpanded()); // Authorized takes effect through Update: it is shown
    QVERIFY(!update(clientId)->isEnabled()); // not without a scope
    for (const QString &scope : ticked)
        UiTest::clickToggle(box(clientId, QStringLiteral("scope:") + scope));
    QVERIFY(update(clientId)->isEnabled());
    QVERIFY(grants(clientId).isEmpty()); // nothing until Update
    QCOMPARE(created.count(), 0);

    QTest::mouseClick(update(clientId), Qt::LeftButton);
    QCOMPARE(created.count(), 1);
    const auto grant = created.first().first().value<ClientGrant>();
    QCOMPARE(grant.clientId, clientId);
    QCOMPARE(grant.audience, audience());
    QStringList expected = ticked;
    expected.sort();
    QStringList written = grant.scopes;
    written.sort();
    QCOMPARE(written, expected);
    QCOMPARE(grants(clientId).size(), 1);
    QVERIFY(grants(other).isEmpty()); // the other row is untouched
    QVERIFY(!update(clientId)->isEnabled());
    QCOMPARE(apiPage()->messageBar()->level(), MessageBar::Level::Success);
    QVERIFY(apiPage()->messageBar()->text().contains(QLatin1String("Billing job")));
    QCOMPARE(row(clientId)->findChild<QLabel *>(QStringLiteral("grantSummary"))->text(),
             ticked.size() == 1 ? QStringLiteral("1 scope") : QStringLiteral("%1 scopes").arg(ticked.size()));
}

void TestApisPage::changeAndTakeBack()
{
    const QString clientId = createM2m(QStringLiteral("Billing job"));
    auto granted = m_tenant->tenant().clientGrants().create(
        clientId, audience(), {QStringLiteral("read:users"), QStringLiteral("read:clients")});
    QVERIFY(granted);
    openApi();
    QVERIFY(box(clientId, QStringLiteral("authorizedCheck"))->isChecked());

    // Expanded with its chevron: the stored scopes, changed and updated.
    QTest::mouseClick(row(clientId)->findChild<QToolButton *>(QStringLiteral("expandButton")),
                      Qt::LeftButton);
    QVERIFY(row(clientId)->isExpanded());
    QVERIFY(box(clientId, QStringLiteral("scope:read:users"))->isChecked());
    QVERIFY(box(clientId, QStringLiteral("scope:read:clients"))->isChecked());
    QVERIFY(!update(clientId)->isEnabled());
    QSignalSpy updated(&m_tenant->tenant().clientGrants(), &ClientGrantService::grantUpdated);
    UiTest::clickToggle(box(clientId, QStringLiteral("scope:read:users")));
    UiTest::clickToggle(box(clientId, QStringLiteral("scope:read:logs")));
    QTest::mouseClick(update(clientId), Qt::LeftButton);
    QCOMPARE(updated.count(), 1);
    QStringList scopes = grants(clientId).constFirst().scopes;
    scopes.sort();
    QCOMPARE(scopes, (QStringList {QStringLiteral("read:clients"), QStringLiteral("read:logs")}));

    // Taken back: the scopes are disabled, and Update removes the grant.
    QSignalSpy removed(&m_tenant->tenant().clientGrants(), &ClientGrantService::grantRemoved);
    UiTest::clickToggle(box(clientId, QStringLiteral("authorizedCheck")));
    QVERIFY(!box(clientId, QStringLiteral("scope:read:logs"))->isEnabled());
    QCOMPARE(grants(clientId).size(), 1);
    QTest::mouseClick(update(clientId), Qt::LeftButton);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().first().toString(), granted.value().id);
    QVERIFY(grants(clientId).isEmpty());
    QCOMPARE(row(clientId)->findChild<QLabel *>(QStringLiteral("grantSummary"))->text(),
             QStringLiteral("Not authorized"));
}

void TestApisPage::grantChangedElsewhereShowsAtOnce()
{
    const QString clientId = createM2m(QStringLiteral("Billing job"));
    openApi();
    QVERIFY(!box(clientId, QStringLiteral("authorizedCheck"))->isChecked());
    ClientGrantService &service = m_tenant->tenant().clientGrants();

    auto granted = service.create(clientId, audience(), {QStringLiteral("read:users")});
    QVERIFY(granted);
    QTRY_VERIFY(box(clientId, QStringLiteral("authorizedCheck"))->isChecked());
    QVERIFY(box(clientId, QStringLiteral("scope:read:users"))->isChecked());
    QCOMPARE(row(clientId)->findChild<QLabel *>(QStringLiteral("grantSummary"))->text(),
             QStringLiteral("1 scope"));

    QVERIFY(service.updateScopes(granted.value().id, {QStringLiteral("read:logs")}));
    QTRY_VERIFY(box(clientId, QStringLiteral("scope:read:logs"))->isChecked());
    QVERIFY(!box(clientId, QStringLiteral("scope:read:users"))->isChecked());
    QVERIFY(!update(clientId)->isEnabled()); // what is shown is what is stored

    // A grant of the same application for another API is not this one.
    QVERIFY(
        service.create(clientId, QStringLiteral("https://example.com/api/"), {QStringLiteral("read:stuff")}));
    QVERIFY(box(clientId, QStringLiteral("scope:read:logs"))->isChecked());
    QVERIFY(!box(clientId, QStringLiteral("scope:read:stuff")));
    QCOMPARE(row(clientId)->findChild<QLabel *>(QStringLiteral("grantSummary"))->text(),
             QStringLiteral("1 scope"));

    QVERIFY(service.remove(granted.value().id));
    QTRY_VERIFY(!box(clientId, QStringLiteral("authorizedCheck"))->isChecked());
    QVERIFY(!update(clientId)->isEnabled());
}

void TestApisPage::unsavedChoicesSurviveAChangeElsewhere()
{
    const QString clientId = createM2m(QStringLiteral("Billing job"));
    openApi();
    UiTest::clickToggle(box(clientId, QStringLiteral("authorizedCheck")));
    UiTest::clickToggle(box(clientId, QStringLiteral("scope:read:clients")));

    // Authorized elsewhere meanwhile: the choices stay, and Update changes that grant (no conflict).
    auto granted
        = m_tenant->tenant().clientGrants().create(clientId, audience(), {QStringLiteral("read:users")});
    QVERIFY(granted);
    QTRY_COMPARE(apiPage()->messageBar()->level(), MessageBar::Level::Warning);
    QVERIFY(apiPage()->messageBar()->text().contains(QLatin1String("Billing job")));
    QVERIFY(box(clientId, QStringLiteral("scope:read:clients"))->isChecked());
    QVERIFY(!box(clientId, QStringLiteral("scope:read:users"))->isChecked());
    QVERIFY(update(clientId)->isEnabled());
    QTest::mouseClick(update(clientId), Qt::LeftButton);
    QCOMPARE(apiPage()->messageBar()->level(), MessageBar::Level::Success);
    QCOMPARE(grants(clientId).size(), 1);
    QCOMPARE(grants(clientId).constFirst().id, granted.value().id);
    QCOMPARE(grants(clientId).constFirst().scopes, QStringList {QStringLiteral("read:clients")});
}

void TestApisPage::applicationsComeAndGo()
{
    openApi();
    ApplicationService &apps = m_tenant->tenant().applications();
    const QString clientId = createM2m(QStringLiteral("Billing job"));
    QTRY_VERIFY(row(clientId));
    QVERIFY(row(clientId)->isVisible());
    auto spa = apps.create({QStringLiteral("Web shop"), ApplicationType::SinglePage, {}, {}});
    QVERIFY(spa);
    QVERIFY(!row(spa.value().clientId));

    auto app = apps.find(clientId);
    QVERIFY(app);
    Application renamed = app.value();
    renamed.name = QStringLiteral("Invoicing job");
    QVERIFY(apps.update(renamed));
    QTRY_COMPARE(row(clientId)->findChild<QLabel *>(QStringLiteral("clientName"))->text(),
                 QStringLiteral("Invoicing job"));

    QVERIFY(apps.remove(clientId));
    QTRY_VERIFY(!row(clientId));
    QTRY_VERIFY(apiPage()->findChild<QWidget *>(QStringLiteral("apiClientsEmpty"))->isVisible());
}

void TestApisPage::storeErrorInTheMessageBar()
{
    const QString clientId = createM2m(QStringLiteral("Billing job"));
    openApi();
    {
        // Another connection makes the store refuse every new grant.
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("refuser"));
        other.setDatabaseName(m_tenant->path());
        QVERIFY(other.open());
        QSqlQuery query(other);
        QVERIFY(query.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON client_grants BEGIN SELECT "
                                          "RAISE(ABORT, 'refused by the test'); END")));
        other.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("refuser"));
    UiTest::clickToggle(box(clientId, QStringLiteral("authorizedCheck")));
    UiTest::clickToggle(box(clientId, QStringLiteral("scope:read:users")));
    QSignalSpy created(&m_tenant->tenant().clientGrants(), &ClientGrantService::grantCreated);
    QTest::mouseClick(update(clientId), Qt::LeftButton);
    QCOMPARE(apiPage()->messageBar()->level(), MessageBar::Level::Error);
    QVERIFY(apiPage()->messageBar()->isVisible());
    QVERIFY(!apiPage()->messageBar()->text().isEmpty());
    QCOMPARE(created.count(), 0);
    QVERIFY(grants(clientId).isEmpty());
    // The choices stay, to try again.
    QVERIFY(box(clientId, QStringLiteral("authorizedCheck"))->isChecked());
    QVERIFY(update(clientId)->isEnabled());
}

void TestApisPage::emptyStateCreatesAnApplication()
{
    QVERIFY(m_tenant->tenant().applications().create(
        {QStringLiteral("Web shop"), ApplicationType::SinglePage, {}, {}}));
    openApi();
    auto *empty = apiPage()->findChild<QWidget *>(QStringLiteral("apiClientsEmpty"));
    QVERIFY(empty->isVisible());
    auto *create = empty->findChild<QPushButton *>(QStringLiteral("createMachineToMachineButton"));
    QVERIFY(create);

    ModalAnswer answer(QStringLiteral("createApplicationDialog"), [](QWidget *dialog, QStringList &failures) {
        auto *m2m = dialog->findChild<QAbstractButton *>(QStringLiteral("type-non_interactive"));
        UI_CHECK(failures, m2m && m2m->isChecked()); // chosen already
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("applicationName"));
        UI_CHECK(failures, name);
        UiTest::retype(name, QStringLiteral("Nightly export"));
        UI_CHECK(failures, name->text() == QLatin1String("Nightly export"));
        auto *button = dialog->findChild<QPushButton *>(QStringLiteral("createButton"));
        UI_CHECK(failures, button && button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
    });
    QTest::mouseClick(create, Qt::LeftButton);
    UI_VERIFY_ANSWERED(answer);

    auto apps = m_tenant->tenant().applications().list();
    QVERIFY(apps);
    QString clientId;
    for (const ApplicationSummary &app : apps.value()) {
        if (app.name == QLatin1String("Nightly export"))
            clientId = app.clientId;
    }
    QVERIFY(!clientId.isEmpty());
    QVERIFY(row(clientId));
    QVERIFY(row(clientId)->isVisible());
    QVERIFY(row(clientId)->isExpanded());
    QVERIFY(!empty->isVisible());
    QCOMPARE(m_window->currentPageId(), Page::Id::Api);
}

QTEST_MAIN(TestApisPage)
#include "TestApisPage.moc"
