#include "core/common/Clock.h"
#include "core/login/LoginEngine.h"
#include "core/login/UserStore.h"
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
    void init();
    void cleanup();

    void createAndFind();
    void refusals();
    void changes();
    void failedLoginsLock();
    void signUpSetting();

private:
    UserStore &users() { return m_temp->tenant().users(); }

    std::unique_ptr<TempTenant> m_temp;
    FakeClock m_clock;
};

void TestUserStore::init()
{
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

QTEST_GUILESS_MAIN(TestUserStore)
#include "TestUserStore.moc"
