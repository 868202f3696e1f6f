// Monitoring > Logs beyond a handful of events, in the real main window: every event can be reached
// (none is capped away), the page never makes the window wider than the admin made it, and its filters
// and columns fit without clipping or a horizontal scroll.

#include "core/logs/LogStore.h"
#include "core/store/LogRepository.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/logs/LogListModel.h"
#include "ui/logs/LogsPage.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/Theme.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateEdit>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include <memory>

namespace {

/// More than the 1,000 rows the list once held at most.
constexpr int kEvents = 1050;

} // namespace

class TestLogsPageScale : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void scrollingReachesTheOldestEvent();
    void selectsAnEventFarDown();
    void walkingUserFilterGoesOnFromTheEventLoop();
    void windowKeepsItsWidth_data();
    void windowKeepsItsWidth();

private:
    /// The log id of event @p i; event 0 is the newest.
    QString logIdOf(int i) const;
    /// Runs what is posted (layout requests, the view's fetches) until nothing is left.
    static void settle();

    std::unique_ptr<TempTenant> m_tenant;
    QDateTime m_newest;
};

void TestLogsPageScale::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_logsscale"));
    Theme::instance().apply(Theme::Mode::Light);
}

void TestLogsPageScale::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    // Every known type, the longest too, by users with long names: what widened the window.
    const QStringList types = LogStore::knownTypes();
    m_newest = QDateTime::currentDateTimeUtc();
    LogRepository repository(m_tenant->tenant().database());
    auto inserted = repository.insertMany(kEvents, [&](int i) {
        LogEvent event;
        event.date = m_newest.addSecs(-60 * i);
        event.logId = logIdOf(i);
        event.type = types.at(i % types.size());
        event.description = LogStore::describe(event.type);
        event.userId = QStringLiteral("auth0|%1").arg(i % 40, 24, 16, QLatin1Char('0'));
        event.userName = QStringLiteral("someone.with.a.rather.long.name%1@example.com").arg(i % 40);
        event.clientId = QStringLiteral("client-1");
        event.clientName = QStringLiteral("Customer Portal for the long application name");
        return event;
    });
    QVERIFY2(inserted, errorBytes(inserted));
}

void TestLogsPageScale::cleanup()
{
    m_tenant.reset();
}

QString TestLogsPageScale::logIdOf(int i) const
{
    return QStringLiteral("log-%1").arg(kEvents - i, 6, 10, QLatin1Char('0'));
}

void TestLogsPageScale::settle()
{
    for (int round = 0; round < 4; ++round) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

void TestLogsPageScale::scrollingReachesTheOldestEvent()
{
    LogsPage page(m_tenant->tenant());
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    page.resize(1000, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.open({});
    QTRY_VERIFY(!page.model()->isSearching()); // the model reads from the event loop
    auto *view = page.findChild<QTreeView *>(QStringLiteral("logList"));
    QVERIFY(view);
    QCOMPARE(page.model()->index(0, 0).data(int(LogListModel::Role::LogId)).toString(), logIdOf(0));

    // Scrolling to the bottom again and again reads on, a page at a time, to the oldest event.
    int before = -1;
    for (int step = 0; step < 100 && page.model()->rowCount() != before; ++step) {
        before = page.model()->rowCount();
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
        settle();
    }
    QCOMPARE(page.model()->rowCount(), kEvents);
    QCOMPARE(page.model()->index(kEvents - 1, 0).data(int(LogListModel::Role::LogId)).toString(),
             logIdOf(kEvents - 1));
    for (int row = 1; row < kEvents; ++row) {
        QVERIFY(page.model()->index(row - 1, 0).data(int(LogListModel::Role::Date)).toDateTime()
                > page.model()->index(row, 0).data(int(LogListModel::Role::Date)).toDateTime());
    }
}

void TestLogsPageScale::selectsAnEventFarDown()
{
    LogsPage page(m_tenant->tenant());
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    page.resize(1000, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.open({});
    QTRY_VERIFY(!page.model()->isSearching()); // the model reads from the event loop
    QVERIFY(page.model()->rowCount() < kEvents);
    QVERIFY(page.selectEvent(logIdOf(kEvents - 1)));
    auto *view = page.findChild<QTreeView *>(QStringLiteral("logList"));
    QVERIFY(view);
    QCOMPARE(view->currentIndex().data(int(LogListModel::Role::LogId)).toString(), logIdOf(kEvents - 1));
}

void TestLogsPageScale::walkingUserFilterGoesOnFromTheEventLoop()
{
    // 2,100 older events by "walker" users: more than the user indexes sort, so the filter walks the
    // list. Each read looks at 100 events; the first 1,050 match nothing, so the page fills read by
    // read from the event loop, and a filter changed meanwhile drops what the old one had left to read.
    LogRepository repository(m_tenant->tenant().database());
    const QDateTime oldest = m_newest.addSecs(-60 * kEvents);
    auto inserted = repository.insertMany(2100, [&](int i) {
        LogEvent event;
        event.date = oldest.addSecs(-60 * i);
        event.logId = QStringLiteral("walk-%1").arg(2100 - i, 6, 10, QLatin1Char('0'));
        event.type = QStringLiteral("s");
        event.userId = QStringLiteral("auth0|walker%1").arg(i % 7);
        event.userName = QStringLiteral("walker%1@example.com").arg(i % 7);
        return event;
    });
    QVERIFY2(inserted, errorBytes(inserted));

    LogsPage page(m_tenant->tenant());
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    page.resize(1000, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.open({});
    QTRY_VERIFY(!page.model()->isSearching()); // the model reads from the event loop
    page.model()->setExamineAtMost(100);
    auto *user = page.findChild<QLineEdit *>(QStringLiteral("logUserFilter"));
    auto *empty = page.findChild<QLabel *>(QStringLiteral("logsEmpty"));
    QVERIFY(user && empty);

    QSignalSpy searching(page.model(), &LogListModel::searchingChanged);
    UiTest::retype(user, QStringLiteral("WALKER"));
    QVERIFY(page.model()->isSearching());
    QVERIFY(!page.model()->canFetchMore({}));
    QCOMPARE(page.model()->rowCount(), 0);
    QVERIFY(!empty->isVisible()); // the list stays while the filter reads on
    searching.clear();
    QVERIFY(searching.wait());
    QCOMPARE(searching.constLast().constFirst().toBool(), false);
    QCOMPARE(page.model()->rowCount(), LogListModel::kPageSize);
    QCOMPARE(page.model()->index(0, 0).data(int(LogListModel::Role::LogId)).toString(),
             QStringLiteral("walk-002100"));
    QVERIFY(page.model()->canFetchMore({}));

    // An event far down, behind reads not made yet, is read on to at once.
    QVERIFY(page.selectEvent(QStringLiteral("walk-000001")));

    UiTest::retype(user, QStringLiteral("walker3"));
    UiTest::retype(user, QStringLiteral("nobody"));
    QTRY_VERIFY(!page.model()->isSearching());
    QCOMPARE(page.model()->rowCount(), 0);
    QVERIFY(empty->isVisible());
    QCOMPARE(empty->text(), QStringLiteral("No event matches the filters."));
}

void TestLogsPageScale::windowKeepsItsWidth_data()
{
    QTest::addColumn<int>("width");
    QTest::newRow("1280, the default") << 1280;
    QTest::newRow("1100") << 1100;
}

void TestLogsPageScale::windowKeepsItsWidth()
{
    QFETCH(int, width);
    MainWindow window(m_tenant->tenant());
    window.resize(width, 820);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    settle();
    QCOMPARE(window.width(), width);

    QVERIFY(window.showPage(Page::Id::Logs));
    settle(); // the layout requests that would widen the window are posted: they have run now
    QCOMPARE(window.width(), width);
    QVERIFY2(window.minimumSizeHint().width() <= width,
             qPrintable(QString::number(window.minimumSizeHint().width())));

    // The filters keep their text: no label or field is squeezed below what it needs.
    Page *page = window.page(Page::Id::Logs);
    const QList<QWidget *> filters {page->findChild<QComboBox *>(QStringLiteral("logTypeFilter")),
                                    page->findChild<QLineEdit *>(QStringLiteral("logUserFilter")),
                                    page->findChild<QDateEdit *>(QStringLiteral("logFrom")),
                                    page->findChild<QDateEdit *>(QStringLiteral("logTo"))};
    for (QWidget *filter : filters) {
        QVERIFY(filter);
        QVERIFY2(filter->width() >= filter->minimumSizeHint().width(), qPrintable(filter->objectName()));
        QVERIFY2(filter->geometry().right() < page->width(), qPrintable(filter->objectName()));
    }
    QVERIFY(filters.at(1)->width() >= 150); // room to read what is typed
    for (const QDateEdit *date :
         {qobject_cast<QDateEdit *>(filters.at(2)), qobject_cast<QDateEdit *>(filters.at(3))})
        QVERIFY2(date->width() >= date->sizeHint().width(), qPrintable(date->objectName()));
    for (QLabel *label : page->findChildren<QLabel *>()) {
        if (label->buddy() && filters.contains(label->buddy()))
            QVERIFY2(label->width() >= label->sizeHint().width(), qPrintable(label->text()));
    }

    // Every column on screen, no horizontal scroll.
    auto *view = page->findChild<QTreeView *>(QStringLiteral("logList"));
    QVERIFY(view);
    QVERIFY2(
        view->header()->length() <= view->viewport()->width(),
        qPrintable(QStringLiteral("%1 > %2").arg(view->header()->length()).arg(view->viewport()->width())));
    QVERIFY(!view->horizontalScrollBar()->isVisible());
}

QTEST_MAIN(TestLogsPageScale)
#include "TestLogsPageScale.moc"
