#include "core/plivo/SmsText.h"

#include <QTest>

Q_DECLARE_METATYPE(SmsText::Encoding)

namespace {

QString repeat(const QString &piece, int times)
{
    return piece.repeated(times);
}

const QString kEuro = QStringLiteral("\u20AC");
const QString kCyrillic = QStringLiteral("\u044F"); // я
const QString kEmoji = QStringLiteral("\U0001F642"); // 🙂, a surrogate pair

} // namespace

class TestSmsText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void analyse_data();
    void analyse();
    void check_data();
    void check();
    void alphabetTables();
    void encodingNames();
};

void TestSmsText::analyse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<SmsText::Encoding>("encoding");
    QTest::addColumn<int>("characters");
    QTest::addColumn<int>("units");
    QTest::addColumn<int>("segments");

    using E = SmsText::Encoding;
    const QString a = QStringLiteral("a");
    QTest::newRow("empty") << QString() << E::Gsm7 << 0 << 0 << 0;
    QTest::newRow("otp") << QStringLiteral("Your code is 123456") << E::Gsm7 << 19 << 19 << 1;
    QTest::newRow("gsm accents and symbols")
        << QStringLiteral("\u00C7a va? \u00E0\u00E9\u00F9 \u00A3\u00A5 \u00A7") << E::Gsm7 << 15 << 15 << 1;
    QTest::newRow("gsm greek capitals")
        << QStringLiteral("\u0394\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E") << E::Gsm7 << 10
        << 10 << 1;
    QTest::newRow("gsm 160: one segment") << repeat(a, 160) << E::Gsm7 << 160 << 160 << 1;
    QTest::newRow("gsm 161: two segments") << repeat(a, 161) << E::Gsm7 << 161 << 161 << 2;
    QTest::newRow("gsm 306: two segments") << repeat(a, 306) << E::Gsm7 << 306 << 306 << 2;
    QTest::newRow("gsm 307: three segments") << repeat(a, 307) << E::Gsm7 << 307 << 307 << 3;
    QTest::newRow("gsm 1600: eleven segments") << repeat(a, 1600) << E::Gsm7 << 1600 << 1600 << 11;
    QTest::newRow("extension chars count 2") << QStringLiteral("{[x]}") << E::Gsm7 << 5 << 9 << 1;
    QTest::newRow("all extension chars") << QStringLiteral("\f^{}\\[~]|\u20AC") << E::Gsm7 << 10 << 20 << 1;
    QTest::newRow("80 euro: 160 septets") << repeat(kEuro, 80) << E::Gsm7 << 80 << 160 << 1;
    QTest::newRow("81 euro: 162 septets") << repeat(kEuro, 81) << E::Gsm7 << 81 << 162 << 2;
    QTest::newRow("159 + euro: 161 septets") << repeat(a, 159) + kEuro << E::Gsm7 << 160 << 161 << 2;
    // 306 septets fit 2 x 153, but the escape pair at 153/154 may not be split: 3 segments.
    QTest::newRow("escape not split across segments")
        << repeat(a, 152) + kEuro + repeat(a, 152) << E::Gsm7 << 305 << 306 << 3;
    QTest::newRow("line breaks") << QStringLiteral("a\nb\rc") << E::Gsm7 << 5 << 5 << 1;
    QTest::newRow("crlf is one character as seen") << QStringLiteral("a\r\nb") << E::Gsm7 << 3 << 4 << 1;

    QTest::newRow("cyrillic") << QStringLiteral("\u041F\u0440\u0438\u0432\u0435\u0442") << E::Ucs2 << 6 << 6
                              << 1;
    QTest::newRow("ucs2 70: one segment") << repeat(kCyrillic, 70) << E::Ucs2 << 70 << 70 << 1;
    QTest::newRow("ucs2 71: two segments") << repeat(kCyrillic, 71) << E::Ucs2 << 71 << 71 << 2;
    QTest::newRow("ucs2 134: two segments") << repeat(kCyrillic, 134) << E::Ucs2 << 134 << 134 << 2;
    QTest::newRow("ucs2 135: three segments") << repeat(kCyrillic, 135) << E::Ucs2 << 135 << 135 << 3;
    QTest::newRow("ucs2 737: eleven segments") << repeat(kCyrillic, 737) << E::Ucs2 << 737 << 737 << 11;
    QTest::newRow("one non-gsm char makes all ucs2")
        << repeat(a, 69) + QStringLiteral("\u0142") << E::Ucs2 << 70 << 70 << 1;
    QTest::newRow("tab is not gsm") << QStringLiteral("code:\t1234") << E::Ucs2 << 10 << 10 << 1;
    QTest::newRow("emoji: 1 character, 2 units") << kEmoji << E::Ucs2 << 1 << 2 << 1;
    QTest::newRow("35 emoji: 70 units") << repeat(kEmoji, 35) << E::Ucs2 << 35 << 70 << 1;
    // 72 units: 33 emoji (66 units) fit in a 67-unit segment without splitting a pair.
    QTest::newRow("36 emoji: two segments") << repeat(kEmoji, 36) << E::Ucs2 << 36 << 72 << 2;
    QTest::newRow("surrogate pair not split")
        << repeat(kCyrillic, 66) + kEmoji + repeat(kCyrillic, 66) << E::Ucs2 << 133 << 134 << 3;
    QTest::newRow("flag is one character")
        << QStringLiteral("\U0001F1EB\U0001F1F7") << E::Ucs2 << 1 << 4 << 1;
}

void TestSmsText::analyse()
{
    QFETCH(QString, text);
    QFETCH(SmsText::Encoding, encoding);
    QFETCH(int, characters);
    QFETCH(int, units);
    QFETCH(int, segments);

    const SmsText::Info info = SmsText::analyse(text);
    QCOMPARE(info.encoding, encoding);
    QCOMPARE(info.characters, characters);
    QCOMPARE(info.units, units);
    QCOMPARE(info.segments, segments);
    QCOMPARE(info.maxCharacters, encoding == SmsText::Encoding::Gsm7 ? 1600 : 737);
}

void TestSmsText::check_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("sendable");
    QTest::addColumn<QString>("reasonContains");

    const QString a = QStringLiteral("a");
    QTest::newRow("otp") << QStringLiteral("Your Authdeck code is 123456") << true << QString();
    QTest::newRow("empty") << QString() << false << QStringLiteral("empty");
    QTest::newRow("blank") << QStringLiteral(" \n ") << false << QStringLiteral("empty");
    QTest::newRow("1600 gsm") << repeat(a, 1600) << true << QString();
    QTest::newRow("1601 gsm") << repeat(a, 1601) << false << QStringLiteral("1600");
    QTest::newRow("1600 euro") << repeat(kEuro, 1600) << true << QString();
    QTest::newRow("737 ucs2") << repeat(kCyrillic, 737) << true << QString();
    QTest::newRow("738 ucs2") << repeat(kCyrillic, 738) << false << QStringLiteral("737");
    QTest::newRow("368 emoji: 736 units") << repeat(kEmoji, 368) << true << QString();
    QTest::newRow("369 emoji: 738 units") << repeat(kEmoji, 369) << false << QStringLiteral("737");
    QTest::newRow("900 gsm then one ucs2") << repeat(a, 900) + kCyrillic << false << QStringLiteral("UCS-2");
}

void TestSmsText::check()
{
    QFETCH(QString, text);
    QFETCH(bool, sendable);
    QFETCH(QString, reasonContains);

    const std::optional<QString> reason = SmsText::check(text);
    QCOMPARE(!reason.has_value(), sendable);
    if (reason)
        QVERIFY2(reason->contains(reasonContains), qPrintable(*reason));
}

void TestSmsText::alphabetTables()
{
    int basic = 0;
    int extension = 0;
    for (int code = 0; code <= 0xFFFF; ++code) {
        const QChar c(static_cast<char16_t>(code));
        QVERIFY2(!(SmsText::isGsm7Basic(c) && SmsText::isGsm7Extension(c)),
                 qPrintable(QString::number(code)));
        basic += SmsText::isGsm7Basic(c) ? 1 : 0;
        extension += SmsText::isGsm7Extension(c) ? 1 : 0;
    }
    // 128 codes minus the escape; the extension table has 10 characters.
    QCOMPARE(basic, 127);
    QCOMPARE(extension, 10);
    for (char c = 0x20; c < 0x7F; ++c) {
        const bool inTables
            = SmsText::isGsm7Basic(QLatin1Char(c)) || SmsText::isGsm7Extension(QLatin1Char(c));
        QVERIFY2(inTables || c == '`', qPrintable(QString(QLatin1Char(c))));
    }
    QVERIFY(!SmsText::isGsm7Basic(QLatin1Char('`')));
    QVERIFY(!SmsText::isGsm7Basic(QChar(u'\u00E7'))); // ç: only the capital is in the table
}

void TestSmsText::encodingNames()
{
    QCOMPARE(SmsText::encodingName(SmsText::Encoding::Gsm7), QStringLiteral("GSM-7"));
    QCOMPARE(SmsText::encodingName(SmsText::Encoding::Ucs2), QStringLiteral("UCS-2"));
}

QTEST_GUILESS_MAIN(TestSmsText)
#include "TestSmsText.moc"
