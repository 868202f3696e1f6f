#include "core/tokens/Pkce.h"

#include <QTest>

namespace {

/// RFC 7636 appendix B: the example code verifier and its S256 code challenge.
const QString kRfcVerifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
const QString kRfcChallenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

} // namespace

class TestPkce final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void challengeMatchesRfc7636();
    void isValidVerifier_data();
    void isValidVerifier();
    void matchesS256_data();
    void matchesS256();
};

void TestPkce::challengeMatchesRfc7636()
{
    QCOMPARE(Pkce::challengeS256(kRfcVerifier), kRfcChallenge);
    QVERIFY(Pkce::matchesS256(kRfcVerifier, kRfcChallenge));
}

void TestPkce::isValidVerifier_data()
{
    QTest::addColumn<QString>("verifier");
    QTest::addColumn<bool>("valid");

    QTest::newRow("RFC 7636 example") << kRfcVerifier << true;
    QTest::newRow("43 characters, the shortest") << QString(43, QLatin1Char('a')) << true;
    QTest::newRow("128 characters, the longest") << QString(128, QLatin1Char('Z')) << true;
    QTest::newRow("every unreserved character")
        << QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("42 characters") << QString(42, QLatin1Char('a')) << false;
    QTest::newRow("129 characters") << QString(129, QLatin1Char('Z')) << false;
    QTest::newRow("plus sign") << kRfcVerifier + QLatin1Char('+') << false;
    QTest::newRow("slash") << kRfcVerifier + QLatin1Char('/') << false;
    QTest::newRow("padding") << kRfcVerifier + QLatin1Char('=') << false;
    QTest::newRow("space") << kRfcVerifier + QLatin1Char(' ') << false;
    QTest::newRow("non-ASCII letter") << kRfcVerifier + QChar(0x00e9) << false;
    QTest::newRow("NUL character") << kRfcVerifier + QChar(0) << false;
}

void TestPkce::isValidVerifier()
{
    QFETCH(QString, verifier);
    QFETCH(bool, valid);
    QCOMPARE(Pkce::isValidVerifier(verifier), valid);
}

void TestPkce::matchesS256_data()
{
    QTest::addColumn<QString>("verifier");
    QTest::addColumn<QString>("challenge");
    QTest::addColumn<bool>("matches");

    QString changed = kRfcChallenge;
    changed[10] = QLatin1Char('x');
    const QString shortVerifier(42, QLatin1Char('a'));
    const QString badCharacter = kRfcVerifier + QLatin1Char('+');
    const QString longest(128, QLatin1Char('~'));

    QTest::newRow("RFC 7636 example") << kRfcVerifier << kRfcChallenge << true;
    QTest::newRow("longest verifier") << longest << Pkce::challengeS256(longest) << true;
    QTest::newRow("one character of the challenge changed") << kRfcVerifier << changed << false;
    QTest::newRow("challenge with padding") << kRfcVerifier << kRfcChallenge + QLatin1Char('=') << false;
    QTest::newRow("challenge cut short") << kRfcVerifier << kRfcChallenge.chopped(1) << false;
    QTest::newRow("empty challenge") << kRfcVerifier << QString() << false;
    QTest::newRow("verifier given as the challenge (plain method)") << kRfcVerifier << kRfcVerifier << false;
    // Its own S256 challenge does not rescue a verifier that breaks RFC 7636's syntax.
    QTest::newRow("too-short verifier") << shortVerifier << Pkce::challengeS256(shortVerifier) << false;
    QTest::newRow("verifier with a bad character")
        << badCharacter << Pkce::challengeS256(badCharacter) << false;
}

void TestPkce::matchesS256()
{
    QFETCH(QString, verifier);
    QFETCH(QString, challenge);
    QFETCH(bool, matches);
    QCOMPARE(Pkce::matchesS256(verifier, challenge), matches);
}

QTEST_APPLESS_MAIN(TestPkce)
#include "TestPkce.moc"
