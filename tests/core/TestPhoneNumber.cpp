#include "core/phone/PhoneNumber.h"
#include "tests/support/ResultText.h"

#include <QSet>
#include <QTest>

class TestPhoneNumber final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toE164_data();
    void toE164();
    void refusals_data();
    void refusals();
    void isPossible_data();
    void isPossible();
    void regionsAreSortedWithCallingCodes();
    void regionOf_data();
    void regionOf();
    void callingCodeOf();
};

void TestPhoneNumber::toE164_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("e164");

    const QString us = QStringLiteral("US");
    const QString fictional = QStringLiteral("+15554443232");
    QTest::newRow("already E.164") << QStringLiteral("+15554443232") << us << fictional;
    QTest::newRow("US national, brackets") << QStringLiteral("(555) 444-3232") << us << fictional;
    QTest::newRow("US national, dashes") << QStringLiteral("555-444-3232") << us << fictional;
    QTest::newRow("US, spaces around") << QStringLiteral("  +1 555 444 3232 ") << us << fictional;
    QTest::newRow("UK with country code")
        << QStringLiteral("+44 20 7946 0958") << us << QStringLiteral("+442079460958");
    QTest::newRow("UK national, GB default")
        << QStringLiteral("020 7946 0958") << QStringLiteral("GB") << QStringLiteral("+442079460958");
    QTest::newRow("country code, no default region")
        << QStringLiteral("+1 201 555 0123") << QString() << QStringLiteral("+12015550123");
    QTest::newRow("lower-case region") << QStringLiteral("555.444.3232") << QStringLiteral("us") << fictional;
}

void TestPhoneNumber::toE164()
{
    QFETCH(QString, typed);
    QFETCH(QString, region);
    QFETCH(QString, e164);

    const Result<QString> parsed = PhoneNumber::toE164(typed, region);
    QVERIFY2(parsed, errorBytes(parsed));
    QCOMPARE(parsed.value(), e164);
    QVERIFY(PhoneNumber::isPossible(parsed.value()));
}

void TestPhoneNumber::refusals_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("reason");

    const QString us = QStringLiteral("US");
    QTest::newRow("letters") << QStringLiteral("abc") << us << QStringLiteral("is not a phone number");
    QTest::newRow("empty") << QString() << us << QStringLiteral("Enter a phone number");
    QTest::newRow("spaces only") << QStringLiteral("   ") << us << QStringLiteral("Enter a phone number");
    QTest::newRow("too short after +1") << QStringLiteral("+1 555") << us << QStringLiteral("too short");
    QTest::newRow("unknown country code")
        << QStringLiteral("+999 1234567") << us << QStringLiteral("no country code that exists");
    QTest::newRow("too long for +1") << QStringLiteral("+1 555 444 3232 9999") << us
                                     << QStringLiteral("too long");
    QTest::newRow("longer than any number")
        << QStringLiteral("+1555444323299999999999") << us << QStringLiteral("too long");
    QTest::newRow("local number without area code")
        << QStringLiteral("444-3232") << us << QStringLiteral("add its area code");
    QTest::newRow("extension") << QStringLiteral("+1 555 444 3232 ext. 12") << us
                               << QStringLiteral("has an extension (12)");
    QTest::newRow("national number, no default region")
        << QStringLiteral("555-444-3232") << QString() << QStringLiteral("start with + and the country code");
}

void TestPhoneNumber::refusals()
{
    QFETCH(QString, typed);
    QFETCH(QString, region);
    QFETCH(QString, reason);

    const Result<QString> parsed = PhoneNumber::toE164(typed, region);
    QVERIFY2(!parsed, qPrintable(parsed ? parsed.value() : QString()));
    QCOMPARE(parsed.error().kind(), Error::Kind::Invalid);
    QVERIFY2(parsed.error().message().contains(reason), qPrintable(parsed.error().message()));
    // The message quotes what was typed, so the admin sees which value is meant.
    QVERIFY2(parsed.error().message().contains(typed.trimmed()), qPrintable(parsed.error().message()));
}

void TestPhoneNumber::isPossible_data()
{
    QTest::addColumn<QString>("e164");
    QTest::addColumn<bool>("possible");

    QTest::newRow("fictional US number") << QStringLiteral("+15554443232") << true;
    QTest::newRow("London number") << QStringLiteral("+442079460958") << true;
    QTest::newRow("too short") << QStringLiteral("+1555") << false;
    QTest::newRow("local only, no area code") << QStringLiteral("+14443232") << false;
    QTest::newRow("missing plus") << QStringLiteral("15554443232") << false;
    QTest::newRow("with spaces") << QStringLiteral("+1 555 444 3232") << false;
    QTest::newRow("unknown country code") << QStringLiteral("+9991234567") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestPhoneNumber::isPossible()
{
    QFETCH(QString, e164);
    QFETCH(bool, possible);

    QCOMPARE(PhoneNumber::isPossible(e164), possible);
}

void TestPhoneNumber::regionsAreSortedWithCallingCodes()
{
    const QList<PhoneNumber::Region> regions = PhoneNumber::regions();
    QVERIFY2(regions.size() > 200, qPrintable(QString::number(regions.size())));
    QVERIFY(regions.contains(PhoneNumber::Region {QStringLiteral("US"), 1}));
    QVERIFY(regions.contains(PhoneNumber::Region {QStringLiteral("GB"), 44}));
    QVERIFY(regions.contains(PhoneNumber::Region {QStringLiteral("CA"), 1}));

    QSet<QString> seen;
    for (int i = 0; i < regions.size(); ++i) {
        const PhoneNumber::Region &region = regions.at(i);
        QVERIFY2(region.code.size() == 2 && region.code == region.code.toUpper(), qPrintable(region.code));
        QVERIFY2(region.callingCode > 0, qPrintable(region.code));
        QVERIFY2(!seen.contains(region.code), qPrintable(region.code));
        seen.insert(region.code);
        if (i > 0)
            QVERIFY2(regions.at(i - 1).code < region.code, qPrintable(regions.at(i - 1).code + region.code));
    }
}

void TestPhoneNumber::regionOf_data()
{
    QTest::addColumn<QString>("e164");
    QTest::addColumn<QString>("region");

    QTest::newRow("London") << QStringLiteral("+442079460958") << QStringLiteral("GB");
    QTest::newRow("New Jersey") << QStringLiteral("+12015550123") << QStringLiteral("US");
    QTest::newRow("Toronto shares +1") << QStringLiteral("+14169791234") << QStringLiteral("CA");
    QTest::newRow("fictional 555 gets the main region of +1")
        << QStringLiteral("+15554443232") << QStringLiteral("US");
    QTest::newRow("non-geographic +800") << QStringLiteral("+80012345678") << QString();
    QTest::newRow("not E.164") << QStringLiteral("555-444-3232") << QString();
    QTest::newRow("unknown country code") << QStringLiteral("+9991234567") << QString();
}

void TestPhoneNumber::regionOf()
{
    QFETCH(QString, e164);
    QFETCH(QString, region);

    QCOMPARE(PhoneNumber::regionOf(e164), region);
}

void TestPhoneNumber::callingCodeOf()
{
    QCOMPARE(PhoneNumber::callingCodeOf(QStringLiteral("GB")), 44);
    QCOMPARE(PhoneNumber::callingCodeOf(QStringLiteral("us")), 1);
    QCOMPARE(PhoneNumber::callingCodeOf(QStringLiteral("XX")), 0);
}

QTEST_GUILESS_MAIN(TestPhoneNumber)
#include "TestPhoneNumber.moc"
