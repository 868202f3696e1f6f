// User Management > Users beyond a page of users: the list reads a page at a time as it scrolls, the
// search finds users not read yet, selecting a user far down reads on to them, and users the store adds
// go in where they sort among the rows read, or come with a later page.

#include "core/login/UserStore.h"
#include "core/store/UserRepository.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/users/UserListModel.h"
#include "ui/users/UsersPage.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include <memory>

namespace {

/// Two and a half pages of users.
constexpr int kUsers = 250;

/// "user0007@example.com": in email order by their number.
QString emailOf(int i)
{
    return QStringLiteral("user%1@example.com").arg(i, 4, 10, QLatin1Char('0'));
}

} // namespace

class TestUsersPageScale : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void opensWithAPageAndScrollsToTheRest();
    void searchFindsUsersNotReadYet();
    void walkingSearchGoesOnFromTheEventLoop();
    void selectsAUserFarDown();
    void addedUsersGoWhereTheySort();

private:
    UserStore &users() { return m_tenant->tenant().users(); }
    QStringList emails() const;
    /// Scrolls to the bottom until the list reads no more.
    void scrollToTheEnd();

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<UsersPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QTreeView *m_view = nullptr;
};

void TestUsersPageScale::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestUsersPageScale::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    users().setPasswordHasher(PasswordHasher::minimal());
    const QString hash = PasswordHasher::minimal().hash(QStringLiteral("correct horse battery"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    UserRepository repository(m_tenant->tenant().database());
    // Inserted in reverse, so that the list's order is the email's and not the insertion's.
    auto inserted = repository.insertMany(kUsers, [&](int i) {
        User user;
        user.id = UserStore::newId();
        user.email = emailOf(kUsers - 1 - i);
        user.passwordHash = hash;
        user.createdAt = now;
        user.updatedAt = now;
        return user;
    });
    QVERIFY2(inserted, errorBytes(inserted));

    m_page = std::make_unique<UsersPage>(m_tenant->tenant());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_page->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_page->resize(1000, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->open({});
    QTRY_VERIFY(!m_page->model()->isSearching()); // the model reads from the event loop
    m_view = m_page->findChild<QTreeView *>(QStringLiteral("userList"));
    QVERIFY(m_view);
}

void TestUsersPageScale::cleanup()
{
    m_tester.reset();
    m_page.reset();
    m_tenant.reset();
}

QStringList TestUsersPageScale::emails() const
{
    QStringList list;
    for (int row = 0; row < m_page->model()->rowCount(); ++row)
        list.append(m_page->model()->index(row, UserListModel::EmailColumn).data().toString());
    return list;
}

void TestUsersPageScale::scrollToTheEnd()
{
    int before = -1;
    for (int step = 0; step < 50 && m_page->model()->rowCount() != before; ++step) {
        before = m_page->model()->rowCount();
        m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->maximum());
        for (int round = 0; round < 4; ++round) {
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
        }
    }
}

void TestUsersPageScale::opensWithAPageAndScrollsToTheRest()
{
    // Opening reads what the view shows and a little more, not every user.
    QVERIFY2(m_page->model()->rowCount() < kUsers, qPrintable(QString::number(m_page->model()->rowCount())));
    QVERIFY(m_page->model()->rowCount() > 0);
    QCOMPARE(emails().constFirst(), emailOf(0));

    scrollToTheEnd();
    QStringList expected;
    for (int i = 0; i < kUsers; ++i)
        expected.append(emailOf(i));
    QCOMPARE(emails(), expected);
}

void TestUsersPageScale::searchFindsUsersNotReadYet()
{
    auto *search = m_page->findChild<QLineEdit *>(QStringLiteral("userSearch"));
    QVERIFY(search);
    UiTest::retype(search, QStringLiteral("USER024"));
    QTRY_VERIFY(!m_page->model()->isSearching()); // the model reads from the event loop
    QStringList expected;
    for (int i = 240; i < kUsers; ++i)
        expected.append(emailOf(i));
    QCOMPARE(emails(), expected);

    UiTest::retype(search, emailOf(kUsers - 1));
    QTRY_VERIFY(!m_page->model()->isSearching()); // the model reads from the event loop
    QCOMPARE(emails(), QStringList {emailOf(kUsers - 1)});
}

void TestUsersPageScale::walkingSearchGoesOnFromTheEventLoop()
{
    // Each read looks at 20 users: a two-character search (no trigram, so it walks the emails) fills its
    // page read by read from the event loop, and a new search drops what the old one had left to read.
    m_page->model()->setExamineAtMost(20);
    auto *search = m_page->findChild<QLineEdit *>(QStringLiteral("userSearch"));
    QVERIFY(search);
    auto listed = users().list(QStringLiteral("24"));
    QVERIFY2(listed, errorBytes(listed));
    QStringList expected;
    for (const User &user : listed.value())
        expected.append(user.email);
    QCOMPARE(expected.size(), 13);

    QSignalSpy searching(m_page->model(), &UserListModel::searchingChanged);
    UiTest::retype(search, QStringLiteral("24"));
    QVERIFY(m_page->model()->isSearching());
    QVERIFY(!searching.isEmpty());
    QCOMPARE(searching.constLast().constFirst().toBool(), true);
    searching.clear();
    QVERIFY(!m_page->model()->canFetchMore({}));
    QVERIFY(m_page->model()->rowCount() < expected.size());
    QVERIFY(searching.wait());
    QCOMPARE(searching.constLast().constFirst().toBool(), false);
    QVERIFY(!m_page->model()->isSearching());
    QCOMPARE(emails(), expected);

    // A search that matches nobody keeps the list until it has looked at every user, then says so.
    UiTest::retype(search, QStringLiteral("zz"));
    auto *empty = m_page->findChild<QLabel *>(QStringLiteral("usersEmpty"));
    QVERIFY(empty);
    QVERIFY(m_page->model()->isSearching());
    QVERIFY(m_view->isVisible());
    QTRY_VERIFY(empty->isVisible());
    QCOMPARE(empty->text(), QStringLiteral("No user matches “zz”."));

    UiTest::retype(search, QStringLiteral("02"));
    QVERIFY(m_page->model()->isSearching());
    UiTest::retype(search, emailOf(kUsers - 1));
    QTRY_VERIFY(!m_page->model()->isSearching());
    QCOMPARE(emails(), QStringList {emailOf(kUsers - 1)});
}

void TestUsersPageScale::selectsAUserFarDown()
{
    auto last = users().findByEmail(emailOf(kUsers - 1));
    QVERIFY(last && last.value());
    QVERIFY(m_page->selectUser(last.value()->id));
    QCOMPARE(m_page->selectedUserId(), last.value()->id);
    QCOMPARE(m_view->currentIndex().data().toString(), emailOf(kUsers - 1));
}

void TestUsersPageScale::addedUsersGoWhereTheySort()
{
    QVERIFY(m_page->model()->rowCount() < kUsers);
    // Sorts first: shows at once.
    auto first = users().create(QStringLiteral("aaron@example.com"), QStringLiteral("correct horse battery"));
    QVERIFY2(first, errorBytes(first));
    QCOMPARE(emails().constFirst(), QStringLiteral("aaron@example.com"));
    // Sorts last: comes with the last page (unless that was read already), and only once.
    const QString zoe = QStringLiteral("zoe@example.com");
    const bool lastPageRead = !m_page->model()->canFetchMore({});
    auto last = users().create(zoe, QStringLiteral("correct horse battery"));
    QVERIFY2(last, errorBytes(last));
    QCOMPARE(emails().contains(zoe), lastPageRead);
    scrollToTheEnd();
    QCOMPARE(m_page->model()->rowCount(), kUsers + 2);
    QCOMPARE(emails().constLast(), zoe);
    QCOMPARE(emails().count(zoe), 1);
}

QTEST_MAIN(TestUsersPageScale)
#include "TestUsersPageScale.moc"
