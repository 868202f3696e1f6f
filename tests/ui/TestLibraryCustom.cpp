// The Library's Custom tab on a real LibraryPage: the empty state, Create Action through its dialog (names
// refused inline, then an action created and opened), the list following core, search, the count in the
// tab's title, open("custom"), opening a row, and Node.js warmed up by the tab and not before.

#include "core/actions/CustomActionService.h"
#include "core/runtime/ActionRuntime.h"
#include "core/runtime/ActionTriggers.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/library/CreateActionDialog.h"
#include "ui/library/CustomActionListModel.h"
#include "ui/library/LibraryPage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

#include <memory>

namespace {

const QString kPhone = QStringLiteral("send-phone-message");
const QString kLogin = QStringLiteral("post-login");
const QString kEmptyText
    = QStringLiteral("No custom actions yet. Create one to run your own Node.js code in a flow.");

} // namespace

class TestLibraryCustom : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void openSelectsTheTab_data();
    void openSelectsTheTab();
    void emptyState();
    void badNamesAreRefusedInline_data();
    void badNamesAreRefusedInline();
    void createAction();
    void callerChoosesTheTrigger();
    void listFollowsCore();
    void search_data();
    void search();
    void openRow_data();
    void openRow();

private:
    CustomActionService &service() { return m_tenant->tenant().customActions(); }
    template<typename T>
    T *find(const char *name) const
    {
        return m_page->findChild<T *>(QLatin1String(name));
    }
    QString tabTitle() const { return m_page->tabs()->tabText(1); }
    QTreeView *list() const { return find<QTreeView>("customActionList"); }
    QLabel *empty() const { return find<QLabel>("customActionsEmpty"); }
    /// Creates actions @p names through core; their ids by name.
    QHash<QString, QString> createAll(const QStringList &names);
    /// Waits for @p job; whether it succeeded.
    static bool succeeded(CustomActionJob *job);
    /// Clicks Create Action and runs @p answer on the dialog.
    void answerCreate(const ModalAnswer::Handler &answer);

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<LibraryPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_listTester;
};

void TestLibraryCustom::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_librarycustom"));
}

void TestLibraryCustom::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_page = std::make_unique<LibraryPage>(m_tenant->tenant(), m_tenant->tenant().sms());
    m_page->resize(1100, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QVERIFY(list() && empty());
    // The proxy the view shows, under the model tester while the tests change the list.
    m_listTester = std::make_unique<QAbstractItemModelTester>(
        list()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TestLibraryCustom::cleanup()
{
    m_listTester.reset();
    m_page.reset();
    m_tenant.reset();
}

QHash<QString, QString> TestLibraryCustom::createAll(const QStringList &names)
{
    QHash<QString, QString> ids;
    for (const QString &name : names) {
        auto created = service().create(name, kPhone);
        if (!created)
            return {};
        ids.insert(name, created.value().id);
    }
    return ids;
}

bool TestLibraryCustom::succeeded(CustomActionJob *job)
{
    QSignalSpy finished(job, &CustomActionJob::finished);
    return finished.wait(10000) && finished.at(0).at(0).value<CustomActionJob *>()->succeeded();
}

void TestLibraryCustom::answerCreate(const ModalAnswer::Handler &answer)
{
    auto *create = find<QPushButton>("createActionButton");
    QVERIFY(create);
    QVERIFY(create->isVisible());
    ModalAnswer modal(QStringLiteral("createActionDialog"), answer);
    QTest::mouseClick(create, Qt::LeftButton);
    QTRY_VERIFY(modal.isDone());
    UI_VERIFY_ANSWERED(modal);
}

void TestLibraryCustom::openSelectsTheTab_data()
{
    QTest::addColumn<QString>("argument");
    QTest::addColumn<bool>("custom");

    QTest::newRow("custom") << QStringLiteral("custom") << true;
    QTest::newRow("no argument") << QString() << false;
    QTest::newRow("installed") << QStringLiteral("installed") << false;
}

void TestLibraryCustom::openSelectsTheTab()
{
    QFETCH(QString, argument);
    QFETCH(bool, custom);
    const ActionRuntime &runtime = m_tenant->tenant().actionRuntime();
    auto *nodeStatus = find<QLabel>("nodeStatus");
    QVERIFY(nodeStatus);
    QCOMPARE(runtime.state(), ActionRuntime::State::Stopped);

    m_page->open(argument);
    QCOMPARE(m_page->tabs()->currentIndex(), custom ? 1 : 0);
    QCOMPARE(m_page->tabs()->currentWidget()->objectName() == QLatin1String("customTab"), custom);
    QCOMPARE(find<QPushButton>("createActionButton")->isVisible(), custom);
    QCOMPARE(find<QPushButton>("addIntegrationButton")->isVisible(), !custom);
    if (!custom) {
        // Node.js is not started for the Installed tab, and a stopped runtime is not mentioned.
        QCOMPARE(runtime.state(), ActionRuntime::State::Stopped);
        QVERIFY(nodeStatus->isHidden());
        return;
    }
    // The Custom tab warms Node.js up and says when it is ready.
    QVERIFY(runtime.state() != ActionRuntime::State::Stopped);
    QTRY_COMPARE_WITH_TIMEOUT(runtime.state(), ActionRuntime::State::Ready, 20000);
    QCOMPARE(nodeStatus->text(),
             QStringLiteral("Node.js %1 is ready: actions can be deployed and tested.")
                 .arg(runtime.nodeVersion()));
    QVERIFY(nodeStatus->isVisible());
}

void TestLibraryCustom::emptyState()
{
    m_page->open(QStringLiteral("custom"));
    QCOMPARE(tabTitle(), QStringLiteral("Custom (0)"));
    QVERIFY(empty()->isVisible());
    QVERIFY(!list()->isVisible());
    QCOMPARE(empty()->text(), kEmptyText);
    QCOMPARE(m_page->customModel()->rowCount(), 0);
}

void TestLibraryCustom::badNamesAreRefusedInline_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("createEnabled"); ///< whether the name passes the checks made as it is typed
    QTest::addColumn<QString>("error");

    QTest::newRow("only spaces") << QStringLiteral("   ") << false
                                 << QStringLiteral("Give the action a name.");
    QTest::newRow("101 characters") << QString(101, QLatin1Char('a')) << false
                                    << QStringLiteral("The name is too long: at most 100 characters.");
    QTest::newRow("duplicate, other case")
        << QStringLiteral("send with twilio") << true
        << QStringLiteral("An action named send with twilio already exists.");
    QTest::newRow("duplicate, spaces around")
        << QStringLiteral("  Send with Twilio ") << true
        << QStringLiteral("An action named Send with Twilio already exists.");
}

void TestLibraryCustom::badNamesAreRefusedInline()
{
    QFETCH(QString, typed);
    QFETCH(bool, createEnabled);
    QFETCH(QString, error);
    QCOMPARE(createAll({QStringLiteral("Send with Twilio")}).size(), 1);
    m_page->open(QStringLiteral("custom"));
    QCOMPARE(tabTitle(), QStringLiteral("Custom (1)"));
    QSignalSpy added(&service(), &CustomActionService::actionAdded);
    QSignalSpy navigate(m_page.get(), &Page::navigate);

    answerCreate([&](QWidget *dialog, QStringList &failures) {
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("actionName"));
        auto *nameError = dialog->findChild<QLabel *>(QStringLiteral("actionNameError"));
        auto *create = dialog->findChild<QPushButton *>(QStringLiteral("createButton"));
        UI_CHECK(failures, name && nameError && create);
        // Untouched, the empty name is not an error yet; it only keeps Create disabled.
        UI_CHECK(failures, name->text().isEmpty());
        UI_CHECK(failures, !create->isEnabled());
        UI_CHECK(failures, nameError->isHidden());

        UiTest::retype(name, typed);
        UI_CHECK(failures, create->isEnabled() == createEnabled);
        if (createEnabled)
            QTest::mouseClick(create, Qt::LeftButton);
        else
            QTest::keyClick(name, Qt::Key_Return); // the default button is disabled: nothing happens
        UI_CHECK(failures, dialog->isVisible());
        UI_CHECK(failures, nameError->isVisible());
        UI_CHECK(failures, nameError->text() == error);
        UI_CHECK(failures, name->property("invalid").toBool());
        UI_CHECK(failures, name->accessibleDescription() == error);

        // Typing again clears the refusal.
        UiTest::retype(name, QStringLiteral("Send with Plivo"));
        UI_CHECK(failures, nameError->isHidden());
        UI_CHECK(failures, create->isEnabled());
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
    });
    QCOMPARE(added.count(), 0);
    QCOMPARE(navigate.count(), 0);
    QCOMPARE(m_page->customModel()->rowCount(), 1);
    const auto stored = service().list();
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().size(), 1);
    QCOMPARE(tabTitle(), QStringLiteral("Custom (1)"));
}

void TestLibraryCustom::createAction()
{
    m_page->open(QStringLiteral("custom"));
    QSignalSpy navigate(m_page.get(), &Page::navigate);
    answerCreate([](QWidget *dialog, QStringList &failures) {
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("actionName"));
        auto *trigger = dialog->findChild<QComboBox *>(QStringLiteral("actionTrigger"));
        auto *runtime = dialog->findChild<QComboBox *>(QStringLiteral("actionRuntime"));
        auto *create = dialog->findChild<QPushButton *>(QStringLiteral("createButton"));
        UI_CHECK(failures, name && trigger && runtime && create);
        // The triggers actions can run in, with their labels; Login / Post Login first, as Auth0 does.
        UI_CHECK(failures, trigger->count() == ActionTriggers::runnable().size());
        UI_CHECK(failures, trigger->currentData().toString() == kLogin);
        UI_CHECK(failures, trigger->currentText() == ActionTriggers::label(kLogin));
        const int phone = trigger->findData(kPhone);
        UI_CHECK(failures, phone >= 0 && trigger->itemText(phone) == QStringLiteral("Send Phone Message"));
        UI_CHECK(failures, runtime->count() == 2);
        UI_CHECK(failures, runtime->itemText(0) == QStringLiteral("Node 18"));
        UI_CHECK(failures, runtime->itemText(1) == QStringLiteral("Node 22"));
        UI_CHECK(failures, runtime->currentData().toString() == ActionTriggers::defaultRuntime());

        UiTest::retype(name, QStringLiteral("Send with Twilio"));
        trigger->setCurrentIndex(phone);
        runtime->setCurrentIndex(runtime->findData(QStringLiteral("node22")));
        UI_CHECK(failures, create->isEnabled());
        QTest::mouseClick(create, Qt::LeftButton);
        UI_CHECK(failures, !dialog->isVisible());
    });
    if (QTest::currentTestFailed())
        return;

    const auto stored = service().list();
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().size(), 1);
    const CustomAction &action = stored.value().constFirst();
    QCOMPARE(action.name, QStringLiteral("Send with Twilio"));
    QCOMPARE(action.triggerId, kPhone);
    QCOMPARE(action.runtime, QStringLiteral("node22"));
    // The page opens the new action.
    QCOMPARE(navigate.count(), 1);
    QCOMPARE(navigate.at(0).at(0).value<Page::Id>(), Page::Id::CustomAction);
    QCOMPARE(navigate.at(0).at(1).toString(), action.id);
    // ... and lists it.
    QCOMPARE(tabTitle(), QStringLiteral("Custom (1)"));
    QVERIFY(list()->isVisible());
    QVERIFY(!empty()->isVisible());
    const QModelIndex first = list()->model()->index(0, CustomActionListModel::NameColumn);
    QCOMPARE(first.data().toString(), QStringLiteral("Send with Twilio"));
    QCOMPARE(first.siblingAtColumn(CustomActionListModel::TriggerColumn).data().toString(),
             QStringLiteral("Send Phone Message"));
    QCOMPARE(first.siblingAtColumn(CustomActionListModel::StatusColumn).data().toString(),
             QStringLiteral("Not deployed yet"));
}

void TestLibraryCustom::callerChoosesTheTrigger()
{
    m_page->open(QStringLiteral("custom"));
    ModalAnswer modal(QStringLiteral("createActionDialog"), [](QWidget *dialog, QStringList &failures) {
        auto *trigger = dialog->findChild<QComboBox *>(QStringLiteral("actionTrigger"));
        UI_CHECK(failures, trigger);
        UI_CHECK(failures, trigger->currentData().toString() == kPhone);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
    });
    m_page->createAction(kPhone);
    QTRY_VERIFY(modal.isDone());
    UI_VERIFY_ANSWERED(modal);

    // A trigger that cannot run falls back to Auth0's default.
    CreateActionDialog dialog(service(), QStringLiteral("event-stream"));
    QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("actionTrigger"))->currentData().toString(),
             CreateActionDialog::defaultTrigger());
}

void TestLibraryCustom::listFollowsCore()
{
    m_page->open(QStringLiteral("custom"));
    const auto ids = createAll({QStringLiteral("Bravo"), QStringLiteral("Alpha")});
    QCOMPARE(ids.size(), 2);
    QCOMPARE(tabTitle(), QStringLiteral("Custom (2)"));
    QVERIFY(list()->isVisible());
    QCOMPARE(list()->model()->index(0, 0).data().toString(), QStringLiteral("Alpha"));

    // An action the search hides is counted too.
    auto *search = find<QLineEdit>("customActionSearch");
    UiTest::retype(search, QStringLiteral("alpha"));
    const auto charlie = createAll({QStringLiteral("Charlie")});
    QCOMPARE(charlie.size(), 1);
    QCOMPARE(tabTitle(), QStringLiteral("Custom (3)"));
    QCOMPARE(list()->model()->rowCount(), 1);
    // A rename that no longer matches hides the row and shows why the list is empty.
    auto alpha = service().find(ids.value(QStringLiteral("Alpha")));
    QVERIFY2(alpha, errorBytes(alpha));
    QVERIFY(service().rename(alpha.value().id, QStringLiteral("Zulu"), alpha.value().revision));
    QVERIFY(empty()->isVisible());
    QCOMPARE(empty()->text(), QStringLiteral("No custom action matches “alpha”."));
    search->clear();
    QCOMPARE(list()->model()->rowCount(), 3);
    QVERIFY(succeeded(service().remove(charlie.value(QStringLiteral("Charlie")))));

    for (const QString &name : {QStringLiteral("Alpha"), QStringLiteral("Bravo")}) {
        QVERIFY(succeeded(service().remove(ids.value(name))));
    }
    QCOMPARE(tabTitle(), QStringLiteral("Custom (0)"));
    QVERIFY(empty()->isVisible());
    QCOMPARE(empty()->text(), kEmptyText);
}

void TestLibraryCustom::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("shown");
    QTest::addColumn<QString>("emptyText");

    const QStringList all {QStringLiteral("Block disposable emails"),
                           QStringLiteral("Send with Plivo"),
                           QStringLiteral("Send with Twilio")};
    QTest::newRow("nothing typed") << QString() << all << QString();
    QTest::newRow("a word, two matches")
        << QStringLiteral("send") << QStringList {all.at(1), all.at(2)} << QString();
    QTest::newRow("other case") << QStringLiteral("PLIVO") << QStringList {all.at(1)} << QString();
    QTest::newRow("spaces around") << QStringLiteral("  twilio ") << QStringList {all.at(2)} << QString();
    QTest::newRow("no match") << QStringLiteral("zzz") << QStringList()
                              << QStringLiteral("No custom action matches “zzz”.");
}

void TestLibraryCustom::search()
{
    QFETCH(QString, text);
    QFETCH(QStringList, shown);
    QFETCH(QString, emptyText);
    QCOMPARE(createAll({QStringLiteral("Send with Twilio"),
                        QStringLiteral("Block disposable emails"),
                        QStringLiteral("Send with Plivo")})
                 .size(),
             3);
    m_page->open(QStringLiteral("custom"));
    auto *search = find<QLineEdit>("customActionSearch");
    QVERIFY(search);
    UiTest::retype(search, text);

    QStringList names;
    for (int row = 0; row < list()->model()->rowCount(); ++row)
        names.append(list()->model()->index(row, 0).data().toString());
    QCOMPARE(names, shown);
    QCOMPARE(list()->isVisible(), !shown.isEmpty());
    QCOMPARE(empty()->isVisible(), shown.isEmpty());
    if (shown.isEmpty())
        QCOMPARE(empty()->text(), emptyText);
    // The title counts every action, not only those shown.
    QCOMPARE(tabTitle(), QStringLiteral("Custom (3)"));
}

void TestLibraryCustom::openRow_data()
{
    QTest::addColumn<bool>("doubleClick");

    QTest::newRow("Enter") << false;
    QTest::newRow("double click") << true;
}

void TestLibraryCustom::openRow()
{
    QFETCH(bool, doubleClick);
    const auto ids = createAll({QStringLiteral("Alpha"), QStringLiteral("Bravo")});
    QCOMPARE(ids.size(), 2);
    m_page->open(QStringLiteral("custom"));
    QSignalSpy navigate(m_page.get(), &Page::navigate);
    const QModelIndex bravo = list()->model()->index(1, CustomActionListModel::NameColumn);
    QCOMPARE(bravo.data().toString(), QStringLiteral("Bravo"));
    list()->setCurrentIndex(bravo);
    if (doubleClick) {
        // A real double click: press and release, then the double click and its release.
        const QPoint at = list()->visualRect(bravo).center();
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(list()->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseRelease(list()->viewport(), Qt::LeftButton, {}, at);
    } else {
        QTest::keyClick(list(), Qt::Key_Return);
    }
    QCOMPARE(navigate.count(), 1);
    QCOMPARE(navigate.at(0).at(0).value<Page::Id>(), Page::Id::CustomAction);
    QCOMPARE(navigate.at(0).at(1).toString(), ids.value(QStringLiteral("Bravo")));
}

QTEST_MAIN(TestLibraryCustom)
#include "TestLibraryCustom.moc"
