// Benchmarks the Users and Logs pages of a tenant with 100,000 users and 1,000,000 log events
// (AUTHDECK_BENCH_USERS and AUTHDECK_BENCH_LOGS override the counts). The data is written in one
// transaction per table through UserRepository::insertMany and LogRepository::insertMany.
//
// For each page: opening it (build, open(), show, until the event loop is idle), typing into its search
// or user filter one key at a time (each keystroke with the view's update), and scrolling to the bottom
// of the list again and again (each step with the view's update and whatever it fetches). Times are
// printed as median, p95 and max; see README.md in this folder.

#include "core/login/PasswordHasher.h"
#include "core/store/LogRepository.h"
#include "core/store/UserRepository.h"
#include "core/tenant/Tenant.h"
#include "tests/bench/BenchResults.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "ui/logs/LogListModel.h"
#include "ui/logs/LogsPage.h"
#include "ui/shell/Theme.h"
#include "ui/users/UserListModel.h"
#include "ui/users/UsersPage.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QScrollBar>
#include <QTest>
#include <QTreeView>

#include <algorithm>
#include <functional>
#include <memory>

namespace {

constexpr int DefaultUsers = 100000;
constexpr int DefaultLogEvents = 1000000;
/// Timed passes behind each per-keystroke number, after one warm-up pass.
constexpr int Passes = 20;
/// Pages opened behind each open-time number.
constexpr int Opens = 5;
/// Scroll steps to the bottom of a list.
constexpr int ScrollSteps = 30;

const QStringList kFirstNames {QStringLiteral("ava"),
                               QStringLiteral("ben"),
                               QStringLiteral("chloe"),
                               QStringLiteral("dan"),
                               QStringLiteral("emma"),
                               QStringLiteral("finn"),
                               QStringLiteral("grace"),
                               QStringLiteral("hugo"),
                               QStringLiteral("isla"),
                               QStringLiteral("jack"),
                               QStringLiteral("kate"),
                               QStringLiteral("leo"),
                               QStringLiteral("mia"),
                               QStringLiteral("noah"),
                               QStringLiteral("olga"),
                               QStringLiteral("paul")};
const QStringList kLastNames {QStringLiteral("adams"),
                              QStringLiteral("brown"),
                              QStringLiteral("clark"),
                              QStringLiteral("davis"),
                              QStringLiteral("evans"),
                              QStringLiteral("fox"),
                              QStringLiteral("green"),
                              QStringLiteral("hall"),
                              QStringLiteral("irwin"),
                              QStringLiteral("jones"),
                              QStringLiteral("king"),
                              QStringLiteral("lewis"),
                              QStringLiteral("moore"),
                              QStringLiteral("nash"),
                              QStringLiteral("owens"),
                              QStringLiteral("parker")};
const QStringList kDomains {QStringLiteral("example.com"),
                            QStringLiteral("corp.io"),
                            QStringLiteral("mail.test"),
                            QStringLiteral("shop.dev"),
                            QStringLiteral("north.example")};
const QStringList kTypes {QStringLiteral("s"),
                          QStringLiteral("gd_start_auth"),
                          QStringLiteral("gd_send_sms"),
                          QStringLiteral("gd_auth_succeed"),
                          QStringLiteral("fp"),
                          QStringLiteral("s"),
                          QStringLiteral("ss"),
                          QStringLiteral("gd_enrollment_complete"),
                          QStringLiteral("sapi"),
                          QStringLiteral("fu")};

int countFrom(const char *variable, int fallback)
{
    bool ok = false;
    const int count = qEnvironmentVariableIntValue(variable, &ok);
    return ok && count >= 0 ? count : fallback;
}

/// "mia.jones123@corp.io": 256 name pairs, five domains.
QString emailOf(int user)
{
    return QStringLiteral("%1.%2%3@%4")
        .arg(kFirstNames.at(user % kFirstNames.size()),
             kLastNames.at((user / kFirstNames.size()) % kLastNames.size()))
        .arg(user)
        .arg(kDomains.at(user % kDomains.size()));
}

QString userIdOf(int user)
{
    return QStringLiteral("auth0|%1").arg(user, 24, 16, QLatin1Char('0'));
}

/// Runs what a step left for the event loop: the view's delayed relayout, fetches and repaints.
void flushEvents()
{
    for (int round = 0; round < 3; ++round) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

double millisSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

/// Median, p95 and max of @p millis as text; also recorded as @p resultKey.median, .p95 and .max when given.
QString stats(QList<double> millis, const QString &resultKey = {})
{
    std::sort(millis.begin(), millis.end());
    const auto at = [&](double quantile) {
        return millis.at(qMin(int(millis.size()) - 1, int(quantile * double(millis.size()))));
    };
    if (!resultKey.isEmpty()) {
        BenchResults::record(resultKey + QStringLiteral(".median"), at(0.5), QStringLiteral("ms"));
        BenchResults::record(resultKey + QStringLiteral(".p95"), at(0.95), QStringLiteral("ms"));
        BenchResults::record(resultKey + QStringLiteral(".max"), millis.constLast(), QStringLiteral("ms"));
    }
    return QStringLiteral("median %1 ms  p95 %2 ms  max %3 ms")
        .arg(at(0.5), 7, 'f', 2)
        .arg(at(0.95), 7, 'f', 2)
        .arg(millis.constLast(), 7, 'f', 2);
}

} // namespace

class BenchUsersLogs : public QObject
{
    Q_OBJECT

public:
    /// Called by QTEST_MAIN before the application exists: benchmarks run offscreen unless told otherwise.
    static void initMain();

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void openUsers();
    void searchUsersPerKeystroke();
    void scrollUsers();
    void openLogs();
    void filterLogsByUserPerKeystroke();
    void filterLogsByType();
    void scrollLogs();

private:
    /// Opens the page Opens times, prints and records (under @p resultKey) the time of each.
    template<typename PageType>
    std::unique_ptr<PageType> openPage(const QString &title, const QString &resultKey, int count);
    /**
     * @brief Types @p text into @p field a key at a time, then clears it; prints each step over Passes
     *        passes: the longest the window was busy without a break (the keystroke, and each read a search
     *        makes from the event loop) and the time until the search had filled its page (@p searching
     *        false, nothing posted). Records both over every keystroke as @p resultKey.busy and .filled.
     */
    void typePerKeystroke(const QString &title,
                          const QString &resultKey,
                          QLineEdit *field,
                          const QString &text,
                          QTreeView *view,
                          const std::function<bool()> &searching);
    /// Scrolls @p view to its bottom ScrollSteps times, prints and records (@p resultKey) each step's time.
    void scrollToBottom(const QString &title, const QString &resultKey, QTreeView *view);

    int m_users = 0;
    int m_events = 0;
    TempTenant m_tenant;
    std::unique_ptr<UsersPage> m_usersPage;
    std::unique_ptr<LogsPage> m_logsPage;
};

void BenchUsersLogs::initMain()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

void BenchUsersLogs::initTestCase()
{
    QVERIFY2(m_tenant.isValid(), qPrintable(m_tenant.error()));
    m_users = countFrom("AUTHDECK_BENCH_USERS", DefaultUsers);
    m_events = countFrom("AUTHDECK_BENCH_LOGS", DefaultLogEvents);

    QElapsedTimer seeding;
    seeding.start();
    const QString hash = PasswordHasher::minimal().hash(QStringLiteral("bench password"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    UserRepository users(m_tenant->database());
    auto insertedUsers = users.insertMany(m_users, [&](int i) {
        User user;
        user.id = userIdOf(i);
        user.email = emailOf(i);
        user.passwordHash = hash;
        user.createdAt = now.addSecs(-60 * qint64(m_users - i));
        user.updatedAt = user.createdAt;
        return user;
    });
    QVERIFY2(insertedUsers, errorBytes(insertedUsers));
    const qint64 usersMs = seeding.restart();

    LogRepository logs(m_tenant->database());
    auto insertedEvents = logs.insertMany(m_events, [&](int i) {
        // Newest first, two seconds apart; each user logs in now and then.
        const int user = m_users > 0 ? int((qint64(i) * 7919) % m_users) : 0;
        LogEvent event;
        event.date = now.addMSecs(-2000 * qint64(i));
        event.logId = event.date.toString(QStringLiteral("yyyyMMddHHmmsszzz"))
            + QStringLiteral("%1").arg(i, 8, 10, QLatin1Char('0'));
        event.type = kTypes.at(i % kTypes.size());
        event.description = QStringLiteral("Bench event %1").arg(i);
        event.clientId = QStringLiteral("bench-client");
        event.clientName = QStringLiteral("Customer Portal");
        event.userId = userIdOf(user);
        event.userName = emailOf(user);
        event.ip = QStringLiteral("203.0.113.7");
        return event;
    });
    QVERIFY2(insertedEvents, errorBytes(insertedEvents));
    qInfo().noquote() << QStringLiteral("seeded %1 users in %2 ms and %3 log events in %4 ms")
                             .arg(m_users)
                             .arg(usersMs)
                             .arg(m_events)
                             .arg(seeding.elapsed());
    Theme::instance().apply(Theme::Mode::Light);
}

void BenchUsersLogs::cleanupTestCase()
{
    m_usersPage.reset();
    m_logsPage.reset();
}

template<typename PageType>
std::unique_ptr<PageType> BenchUsersLogs::openPage(const QString &title, const QString &resultKey, int count)
{
    std::unique_ptr<PageType> page;
    QList<double> millis;
    for (int run = 0; run < Opens; ++run) {
        page.reset();
        flushEvents();
        QElapsedTimer timer;
        timer.start();
        page = std::make_unique<PageType>(m_tenant.tenant());
        page->resize(1040, 820); // the page's share of the main window's default 1280x820
        page->open({});
        page->show();
        if (!QTest::qWaitForWindowExposed(page.get()))
            return nullptr;
        flushEvents();
        millis << millisSince(timer);
    }
    qInfo().noquote() << QStringLiteral("%1 (%2), %3 opens: %4")
                             .arg(title)
                             .arg(count)
                             .arg(Opens)
                             .arg(stats(millis, resultKey));
    return page;
}

void BenchUsersLogs::typePerKeystroke(const QString &title,
                                      const QString &resultKey,
                                      QLineEdit *field,
                                      const QString &text,
                                      QTreeView *view,
                                      const std::function<bool()> &searching)
{
    field->setFocus();
    QList<QList<double>> busiest(text.size() + 1);
    QList<QList<double>> settled(text.size() + 1);
    QList<int> rows(text.size() + 1);
    for (int pass = 0; pass <= Passes; ++pass) {
        for (int step = 0; step <= text.size(); ++step) {
            QElapsedTimer total;
            total.start();
            QElapsedTimer slice;
            slice.start();
            if (step < text.size())
                QTest::keyClick(field, text.at(step).toLatin1());
            else
                field->clear();
            // One slice: what is posted, then one pass of the event loop (one read of a search at most).
            double longest = 0;
            for (int round = 0; round < 3 || searching(); ++round) {
                QCoreApplication::sendPostedEvents();
                QCoreApplication::processEvents();
                longest = qMax(longest, millisSince(slice));
                slice.restart();
            }
            if (pass > 0) { // the first pass warms up
                busiest[step] << longest;
                settled[step] << millisSince(total);
            }
            rows[step] = view->model()->rowCount();
        }
    }
    qInfo().noquote() << title << QStringLiteral("per keystroke,") << Passes
                      << QStringLiteral("passes: the longest busy slice | until the page is filled");
    QList<double> allBusiest;
    QList<double> allSettled;
    for (int step = 0; step <= text.size(); ++step) {
        const QString label = step < text.size() ? QLatin1Char('"') + text.left(step + 1) + QLatin1Char('"')
                                                 : QStringLiteral("clear");
        qInfo().noquote() << QStringLiteral("  %1 %2 rows  busy %3 | filled %4")
                                 .arg(label, -14)
                                 .arg(rows.at(step), 5)
                                 .arg(stats(busiest.at(step)), stats(settled.at(step)));
        allBusiest << busiest.at(step);
        allSettled << settled.at(step);
    }
    qInfo().noquote() << QStringLiteral("  every keystroke: busy %1 | filled %2")
                             .arg(stats(allBusiest, resultKey + QStringLiteral(".busy")),
                                  stats(allSettled, resultKey + QStringLiteral(".filled")));
}

void BenchUsersLogs::scrollToBottom(const QString &title, const QString &resultKey, QTreeView *view)
{
    QList<double> millis;
    for (int step = 0; step < ScrollSteps; ++step) {
        QElapsedTimer timer;
        timer.start();
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
        flushEvents();
        millis << millisSince(timer);
    }
    qInfo().noquote() << QStringLiteral("%1, %2 scrolls to the bottom: %3, %4 rows loaded after")
                             .arg(title)
                             .arg(ScrollSteps)
                             .arg(stats(millis, resultKey))
                             .arg(view->model()->rowCount());
}

void BenchUsersLogs::openUsers()
{
    m_usersPage = openPage<UsersPage>(
        QStringLiteral("opening the Users page"), QStringLiteral("users.open"), m_users);
    QVERIFY(m_usersPage);
}

void BenchUsersLogs::searchUsersPerKeystroke()
{
    QVERIFY(m_usersPage);
    auto *search = m_usersPage->findChild<QLineEdit *>(QStringLiteral("userSearch"));
    auto *view = m_usersPage->findChild<QTreeView *>(QStringLiteral("userList"));
    QVERIFY(search && view);
    m_usersPage->activateWindow();
    const auto searching = [this] { return m_usersPage->model()->isSearching(); };
    typePerKeystroke(QStringLiteral("searching users for \"mia.jones4\""),
                     QStringLiteral("users.search_name"),
                     search,
                     QStringLiteral("mia.jones4"),
                     view,
                     searching);
    typePerKeystroke(QStringLiteral("searching users for \"@shop\""),
                     QStringLiteral("users.search_domain"),
                     search,
                     QStringLiteral("@shop"),
                     view,
                     searching);
    QCOMPARE(search->text(), QString());
}

void BenchUsersLogs::scrollUsers()
{
    QVERIFY(m_usersPage);
    auto *view = m_usersPage->findChild<QTreeView *>(QStringLiteral("userList"));
    QVERIFY(view);
    scrollToBottom(QStringLiteral("scrolling the users"), QStringLiteral("users.scroll"), view);
}

void BenchUsersLogs::openLogs()
{
    m_usersPage.reset();
    m_logsPage
        = openPage<LogsPage>(QStringLiteral("opening the Logs page"), QStringLiteral("logs.open"), m_events);
    QVERIFY(m_logsPage);
}

void BenchUsersLogs::filterLogsByUserPerKeystroke()
{
    QVERIFY(m_logsPage);
    auto *user = m_logsPage->findChild<QLineEdit *>(QStringLiteral("logUserFilter"));
    auto *view = m_logsPage->findChild<QTreeView *>(QStringLiteral("logList"));
    QVERIFY(user && view);
    m_logsPage->activateWindow();
    typePerKeystroke(QStringLiteral("filtering the logs by user \"mia.jones4\""),
                     QStringLiteral("logs.user_filter"),
                     user,
                     QStringLiteral("mia.jones4"),
                     view,
                     [this] { return m_logsPage->model()->isSearching(); });
    QCOMPARE(user->text(), QString());
}

void BenchUsersLogs::filterLogsByType()
{
    QVERIFY(m_logsPage);
    auto *type = m_logsPage->findChild<QComboBox *>(QStringLiteral("logTypeFilter"));
    QVERIFY(type);
    QList<double> millis;
    for (int pass = 0; pass < Passes; ++pass) {
        for (int index = 0; index < type->count(); ++index) {
            QElapsedTimer timer;
            timer.start();
            type->setCurrentIndex(index);
            flushEvents();
            millis << millisSince(timer);
        }
    }
    type->setCurrentIndex(0);
    qInfo().noquote() << QStringLiteral("choosing each of %1 types, %2 passes: %3")
                             .arg(type->count())
                             .arg(Passes)
                             .arg(stats(millis, QStringLiteral("logs.type_filter")));
}

void BenchUsersLogs::scrollLogs()
{
    QVERIFY(m_logsPage);
    auto *view = m_logsPage->findChild<QTreeView *>(QStringLiteral("logList"));
    QVERIFY(view);
    scrollToBottom(QStringLiteral("scrolling the logs"), QStringLiteral("logs.scroll"), view);
}

QTEST_MAIN(BenchUsersLogs)

#include "BenchUsersLogs.moc"
