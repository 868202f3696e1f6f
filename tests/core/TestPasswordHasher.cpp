#include "core/login/PasswordHasher.h"

#include <QTest>

/// Argon2id password hashes.
class TestPasswordHasher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashVerifies();
    void interactiveHashVerifies();
    void saltsDiffer();
};

void TestPasswordHasher::hashVerifies()
{
    const QString hash = PasswordHasher::minimal().hash(QStringLiteral("correct horse"));
    QVERIFY(hash.startsWith(QStringLiteral("$argon2id$")));
    QVERIFY(!hash.contains(QStringLiteral("correct horse")));
    QVERIFY(PasswordHasher::verify(hash, QStringLiteral("correct horse")));
    QVERIFY(!PasswordHasher::verify(hash, QStringLiteral("correct horsE")));
    QVERIFY(!PasswordHasher::verify(QString(), QStringLiteral("correct horse")));
    QVERIFY(!PasswordHasher::verify(QStringLiteral("garbage"), QStringLiteral("correct horse")));
}

void TestPasswordHasher::interactiveHashVerifies()
{
    const QString hash = PasswordHasher::interactive().hash(QStringLiteral("pässwörd-ü"));
    QVERIFY(hash.startsWith(QStringLiteral("$argon2id$")));
    QVERIFY(PasswordHasher::verify(hash, QStringLiteral("pässwörd-ü")));
}

void TestPasswordHasher::saltsDiffer()
{
    const PasswordHasher hasher = PasswordHasher::minimal();
    QVERIFY(hasher.hash(QStringLiteral("same password")) != hasher.hash(QStringLiteral("same password")));
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "TestPasswordHasher.moc"
