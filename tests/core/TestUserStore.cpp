#include "core/common/Clock.h"
#include "core/login/LoginEngine.h"
#include "core/login/UserStore.h"
#include "core/store/Database.h"
#include "core/store/UserRepository.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

/// The users of the database connection.
class TestUserStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void createAndFind();
    void refusals();
    void duplicateInATransactionIsAConflict();
    void changes();
    void failedLoginsLock();
    void signUpSetting();
    void pageMatchesList_data();
    void pageMatchesList();
    void boundedWalkStopsEarly();
    void searchIndexFollowsChanges();

private:
    /// The emails of every page of @p search, read @p limit at a time.
    /// Every page of @p search put together, reading @p limit at a time (with a bounded walk when set).
    QStringList pagedEmails(const QString &search, int limit, int examineAtMost = 0);

    UserStore &users() { return m_temp->tenant().users(); }

    std::unique_ptr<TempTenant> m_temp;
    FakeClock m_clock;
};

void TestUserStore::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestUserStore::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    m_temp->tenant().setClock(m_clock);
    users().setPasswordHasher(PasswordHasher::minimal());
}

void TestUserStore::cleanup()
{
    m_temp.reset();
}

void TestUserStore::createAndFind()
{
    QSignalSpy added(&users(), &UserStore::userAdded);
    auto created = users().create(QStringLiteral(" Ada@Example.com "), QStringLiteral("lovelace1"));
    QVERIFY(created);
    const User user = created.value();
    QVERIFY(QRegularExpression(QStringLiteral("^auth0\\|[0-9a-f]{24}$")).match(user.id).hasMatch());
    QCOMPARE(user.email, QStringLiteral("Ada@Example.com"));
    QCOMPARE(user.createdAt, m_clock.now());
    QVERIFY(!user.passwordHash.contains(QStringLiteral("lovelace1")));
    QCOMPARE(added.count(), 1);

    auto found = users().findByEmail(QStringLiteral("ada@EXAMPLE.com"));
    QVERIFY(found && found.value());
    QCOMPARE(found.value()->id, user.id);
    QVERIFY(UserStore::checkPassword(*found.value(), QStringLiteral("lovelace1")));
    QVERIFY(!UserStore::checkPassword(*found.value(), QStringLiteral("lovelace2")));
    QCOMPARE(users().find(user.id).value().email, user.email);
    QCOMPARE(users().list(QStringLiteral("EXAMPLE")).value().size(), 1);
    QCOMPARE(users().list(QStringLiteral("nobody")).value().size(), 0);
}

void TestUserStore::refusals()
{
    QVERIFY(users().create(QStringLiteral("ada@example.com"), QStringLiteral("lovelace1")));
    auto taken = users().create(QStringLiteral("ADA@example.com"), QStringLiteral("lovelace1"));
    QVERIFY(!taken);
    QCOMPARE(taken.error().kind(), Error::Kind::Conflict);
    QCOMPARE(taken.error().message(), QStringLiteral("The user already exists."));
    auto weak = users().create(QStringLiteral("bob@example.com"), QStringLiteral("1234567"));
    QVERIFY(!weak);
    QCOMPARE(weak.error().message(), QStringLiteral("Password is too weak"));
    QVERIFY(!users().create(QStringLiteral("not an email"), QStringLiteral("12345678")));
    QCOMPARE(users().find(QStringLiteral("auth0|none")).error().kind(), Error::Kind::NotFound);
}

void TestUserStore::duplicateInATransactionIsAConflict()
{
    const User ada = users().create(QStringLiteral("ada@example.com"), QStringLiteral("lovelace1")).value();
    Database &database = m_temp->tenant().database();
    UserRepository repository(database);
    // Another process added the same email meanwhile: the insert itself fails, inside a transaction.
    User twin = ada;
    twin.id = QStringLiteral("auth0|000000000000000000000001");
    twin.email = QStringLiteral("ADA@example.com");
    User bob = ada;
    bob.id = QStringLiteral("auth0|000000000000000000000002");
    bob.email = QStringLiteral("bob@example.com");
    auto outer = database.transaction([&]() -> Result<void> {
        auto taken = repository.insert(twin);
        if (taken || taken.error().kind() != Error::Kind::Conflict)
            return Error(
                Error::Kind::Invalid,
                QStringLiteral("not a conflict: %1").arg(taken ? QString() : taken.error().message()));
        // The failed insert spoiled nothing: the transaction goes on.
        return repository.insert(bob);
    });
    QVERIFY2(outer, errorBytes(outer));
    QCOMPARE(users().list({}).value().size(), 2);
}

void TestUserStore::changes()
{
    const User user = users().create(QStringLiteral("ada@example.com"), QStringLiteral("lovelace1")).value();
    QSignalSpy changed(&users(), &UserStore::userChanged);
    QSignalSpy removed(&users(), &UserStore::userRemoved);
    m_clock.advanceSecs(60);
    QVERIFY(users().enrollPhone(user.id, QStringLiteral("+15554443232")));
    User after = users().find(user.id).value();
    QCOMPARE(after.phoneNumber, QStringLiteral("+15554443232"));
    QCOMPARE(after.phoneEnrolledAt, m_clock.now());
    QCOMPARE(after.updatedAt, m_clock.now());
    QVERIFY(users().block(user.id));
    QVERIFY(users().find(user.id).value().blocked);
    QVERIFY(users().unblock(user.id));
    QVERIFY(!users().find(user.id).value().blocked);
    QVERIFY(users().resetMfa(user.id));
    QVERIFY(!users().find(user.id).value().isEnrolled());
    QCOMPARE(changed.count(), 4);
    QVERIFY(users().remove(user.id));
    QCOMPARE(removed.count(), 1);
    QVERIFY(!users().find(user.id));
    QVERIFY(!users().remove(user.id));
}

void TestUserStore::failedLoginsLock()
{
    const User user = users().create(QStringLiteral("ada@example.com"), QStringLiteral("lovelace1")).value();
    for (int i = 1; i < UserStore::kMaxFailedLogins; ++i)
        QVERIFY(!users().isLocked(users().recordFailedLogin(user.id).value()));
    const User locked = users().recordFailedLogin(user.id).value();
    QVERIFY(users().isLocked(locked));
    QCOMPARE(locked.lockedUntil, m_clock.now().addSecs(UserStore::kLockSecs));
    m_clock.advanceSecs(UserStore::kLockSecs);
    QVERIFY(!users().isLocked(users().find(user.id).value()));
    const User in = users().recordLogin(user.id).value();
    QCOMPARE(in.failedLogins, 0);
    QCOMPARE(in.loginsCount, 1);
    QCOMPARE(in.lastLogin, m_clock.now());
}

void TestUserStore::signUpSetting()
{
    QVERIFY(users().signUpsEnabled());
    QSignalSpy spy(&users(), &UserStore::signUpsEnabledChanged);
    QVERIFY(users().setSignUpsEnabled(false));
    QVERIFY(!users().signUpsEnabled());
    QVERIFY(users().setSignUpsEnabled(false));
    QCOMPARE(spy.count(), 1);
    QVERIFY(m_temp->reopen());
    QVERIFY(!m_temp->tenant().users().signUpsEnabled());
}

QStringList TestUserStore::pagedEmails(const QString &search, int limit, int examineAtMost)
{
    QStringList emails;
    UserPage request;
    request.search = search;
    request.limit = limit;
    request.examineAtMost = examineAtMost;
    for (int page = 0; page < 1000; ++page) {
        auto read = this->users().page(request);
        if (!read)
            return {QStringLiteral("<failed: %1>").arg(read.error().message())};
        const QList<User> &users = read.value().users;
        if (users.size() > limit)
            return {QStringLiteral("<a page of %1>").arg(users.size())};
        if (users.size() < limit && examineAtMost == 0 && !read.value().atEnd)
            return {QStringLiteral("<a short page of %1 before the end>").arg(users.size())};
        for (const User &user : users)
            emails.append(user.email);
        if (read.value().atEnd)
            return emails;
        if (read.value().resumeAfter <= request.after)
            return {QStringLiteral("<no progress past %1>").arg(request.after)};
        request.after = read.value().resumeAfter;
    }
    return {QStringLiteral("<more than 1000 pages>")};
}

void TestUserStore::pageMatchesList_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("expected");

    // 2,100 "dense" users (more than the trigram index sorts itself) and 50 "rare" ones.
    QTest::newRow("everyone") << QString() << 2150;
    QTest::newRow("two characters: the email order, filtered") << QStringLiteral("ex") << 2100;
    QTest::newRow("many matches: the email order, filtered") << QStringLiteral("exa") << 2100;
    QTest::newRow("few matches: the trigram index") << QStringLiteral("dense20") << 100;
    QTest::newRow("any case") << QStringLiteral("RARE") << 50;
    QTest::newRow("domain") << QStringLiteral("@corp.io") << 50;
    QTest::newRow("two characters, every match far down") << QStringLiteral("rp") << 50;
    QTest::newRow("quote and wildcard taken as they are") << QStringLiteral("\"a%_*") << 0;
    QTest::newRow("no match") << QStringLiteral("nobody") << 0;
}

void TestUserStore::pageMatchesList()
{
    QFETCH(QString, search);
    QFETCH(int, expected);
    const QString hash = PasswordHasher::minimal().hash(QStringLiteral("correct horse battery"));
    UserRepository repository(m_temp->tenant().database());
    auto inserted = repository.insertMany(2150, [&](int i) {
        User user;
        user.id = UserStore::newId();
        user.email = i < 2100 ? QStringLiteral("dense%1@example.com").arg(i, 4, 10, QLatin1Char('0'))
                              : QStringLiteral("Rare%1@Corp.io").arg(i);
        user.passwordHash = hash;
        user.createdAt = m_clock.now();
        user.updatedAt = user.createdAt;
        return user;
    });
    QVERIFY2(inserted, errorBytes(inserted));

    // Every page of the search, put together, is the whole list of it, in its order.
    QStringList listed;
    const auto all = users().list(search);
    QVERIFY(all);
    for (const User &user : all.value()) {
        QVERIFY(UserStore::matches(user, search));
        listed.append(user.email);
    }
    QCOMPARE(listed.size(), expected);
    QCOMPARE(pagedEmails(search, 37), listed);
    QCOMPARE(pagedEmails(search, 1000), listed);
    QCOMPARE(pagedEmails(search, 37, 100), listed);
    QCOMPARE(pagedEmails(search, 1000, 7), listed);
}

void TestUserStore::boundedWalkStopsEarly()
{
    const QString hash = PasswordHasher::minimal().hash(QStringLiteral("correct horse battery"));
    UserRepository repository(m_temp->tenant().database());
    auto inserted = repository.insertMany(300, [&](int i) {
        User user;
        user.id = UserStore::newId();
        user.email = QStringLiteral("user%1@%2")
                         .arg(i, 3, 10, QLatin1Char('0'))
                         .arg(i < 250 ? QStringLiteral("a.io") : QStringLiteral("far.io"));
        user.passwordHash = hash;
        user.createdAt = m_clock.now();
        user.updatedAt = user.createdAt;
        return user;
    });
    QVERIFY2(inserted, errorBytes(inserted));

    // "fa" walks the emails (no trigram); its matches are the last 50 users.
    UserPage request;
    request.search = QStringLiteral("fa");
    request.limit = 10;
    request.examineAtMost = 100;
    auto first = users().page(request);
    QVERIFY2(first, errorBytes(first));
    QCOMPARE(first.value().users.size(), 0);
    QVERIFY(!first.value().atEnd);
    QCOMPARE(first.value().resumeAfter, QStringLiteral("user099@a.io"));

    request.after = QStringLiteral("user199@a.io");
    auto third = users().page(request);
    QVERIFY2(third, errorBytes(third));
    QCOMPARE(third.value().users.size(), 10);
    QCOMPARE(third.value().users.constFirst().email, QStringLiteral("user250@far.io"));
    QCOMPARE(third.value().resumeAfter, QStringLiteral("user259@far.io"));
    QVERIFY(!third.value().atEnd);

    // Without a bound the same read walks on to the matches.
    request.after.clear();
    request.examineAtMost = 0;
    auto unbounded = users().page(request);
    QVERIFY2(unbounded, errorBytes(unbounded));
    QCOMPARE(unbounded.value().users.size(), 10);
}

void TestUserStore::searchIndexFollowsChanges()
{
    auto ada = users().create(QStringLiteral("ada@example.com"), QStringLiteral("correct horse battery"));
    QVERIFY(ada);
    QCOMPARE(pagedEmails(QStringLiteral("ada@ex"), 10), QStringList {QStringLiteral("ada@example.com")});

    User renamed = ada.value();
    renamed.email = QStringLiteral("grace@example.com");
    QVERIFY(users().update(renamed));
    QCOMPARE(pagedEmails(QStringLiteral("ada@ex"), 10), QStringList());
    QCOMPARE(pagedEmails(QStringLiteral("grace@ex"), 10), QStringList {QStringLiteral("grace@example.com")});

    QVERIFY(users().remove(renamed.id));
    QCOMPARE(pagedEmails(QStringLiteral("grace@ex"), 10), QStringList());
    QCOMPARE(pagedEmails(QString(), 10), QStringList());
}

QTEST_GUILESS_MAIN(TestUserStore)
#include "TestUserStore.moc"
