#include "core/mfa/MessageTemplates.h"
#include "core/plivo/SmsText.h"

#include <QTest>

Q_DECLARE_METATYPE(SmsText::Encoding)

namespace {

const QString kName = QStringLiteral("Acme");
const QString kCyrillic = QStringLiteral("\u044F"); // я: outside GSM-7
const QString kEmoji = QStringLiteral("\U0001F642"); // 🙂: two UTF-16 code units

/// "{{code}} " followed by @p filler repeated until the rendered text (code 123456) has @p units units.
QString codeAnd(const QString &filler, int units)
{
    return QStringLiteral("{{code}} ") + filler.repeated((units - 7) / int(filler.size()));
}

} // namespace

/// Rendering and checking Auth0's Liquid-style phone templates, and how long their SMS are.
class TestMessageTemplates final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreAuth0s();
    void variablesAndSampleValues();
    void render_data();
    void render();
    void check_data();
    void check();
    void segments_data();
    void segments();
};

void TestMessageTemplates::defaultsAreAuth0s()
{
    QCOMPARE(MessageTemplates::defaultTemplate(MessageTemplates::Kind::Enrollment),
             QStringLiteral("{{code}} is your verification code for {{tenant.friendly_name}}. Please enter "
                            "this code to verify your enrollment."));
    QCOMPARE(MessageTemplates::defaultTemplate(MessageTemplates::Kind::Verification),
             QStringLiteral("{{code}} is your verification code for {{tenant.friendly_name}}"));
    for (auto kind : {MessageTemplates::Kind::Enrollment, MessageTemplates::Kind::Verification}) {
        const auto problem = MessageTemplates::check(MessageTemplates::defaultTemplate(kind), kName);
        QVERIFY2(!problem, qPrintable(problem.value_or(QString())));
    }
}

void TestMessageTemplates::variablesAndSampleValues()
{
    QCOMPARE(MessageTemplates::variables(),
             (QStringList {QStringLiteral("{{code}}"),
                           QStringLiteral("{{tenant.friendly_name}}"),
                           QStringLiteral("{{message_type}}"),
                           QStringLiteral("{{locale}}")}));
    const MessageTemplates::Values sample = MessageTemplates::sampleValues(kName);
    QCOMPARE(sample.code, QStringLiteral("123456"));
    QCOMPARE(sample.friendlyName, kName);
    QCOMPARE(sample.messageType, QStringLiteral("sms"));
    QCOMPARE(sample.locale, QStringLiteral("en"));
}

void TestMessageTemplates::render_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("rendered");

    QTest::newRow("default verification")
        << MessageTemplates::defaultTemplate(MessageTemplates::Kind::Verification)
        << QStringLiteral("123456 is your verification code for Acme");
    QTest::newRow("default enrollment")
        << MessageTemplates::defaultTemplate(MessageTemplates::Kind::Enrollment)
        << QStringLiteral("123456 is your verification code for Acme. Please enter this code to verify your "
                          "enrollment.");
    QTest::newRow("spaces inside braces")
        << QStringLiteral("{{ code }} / {{  tenant.friendly_name}}") << QStringLiteral("123456 / Acme");
    QTest::newRow("friendlyName spelling")
        << QStringLiteral("{{tenant.friendlyName}}") << QStringLiteral("Acme");
    QTest::newRow("message type and locale")
        << QStringLiteral("{{message_type}}-{{locale}}") << QStringLiteral("sms-en");
    QTest::newRow("code twice") << QStringLiteral("{{code}}, again {{code}}")
                                << QStringLiteral("123456, again 123456");
    QTest::newRow("unknown variable left as is")
        << QStringLiteral("{{code}} {{ user.name }}") << QStringLiteral("123456 {{ user.name }}");
    QTest::newRow("unclosed tag left as is")
        << QStringLiteral("{{code}} {{locale") << QStringLiteral("123456 {{locale");
    QTest::newRow("single braces left as is")
        << QStringLiteral("{code} {{code}}") << QStringLiteral("{code} 123456");
    QTest::newRow("no variables") << QStringLiteral("Hello") << QStringLiteral("Hello");
    QTest::newRow("empty") << QString() << QString();
}

void TestMessageTemplates::render()
{
    QFETCH(QString, text);
    QFETCH(QString, rendered);
    QCOMPARE(MessageTemplates::render(text, MessageTemplates::sampleValues(kName)), rendered);
}

void TestMessageTemplates::check_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("friendlyName");
    /// Words the refusal must contain, in order; empty when the text is valid.
    QTest::addColumn<QStringList>("expected");

    const QString a = QStringLiteral("a");
    QTest::newRow("code only") << QStringLiteral("{{code}}") << kName << QStringList();
    QTest::newRow("spaced code") << QStringLiteral("Code: {{ code }}") << kName << QStringList();
    QTest::newRow("all variables") << QStringLiteral(
        "{{code}} {{tenant.friendly_name}} {{message_type}} {{locale}}")
                                   << kName << QStringList();
    QTest::newRow("empty") << QString() << kName << QStringList {QStringLiteral("empty")};
    QTest::newRow("blank") << QStringLiteral("   ") << kName << QStringList {QStringLiteral("empty")};
    QTest::newRow("missing code") << QStringLiteral("Welcome to {{tenant.friendly_name}}") << kName
                                  << QStringList {QStringLiteral("must contain {{code}}")};
    QTest::newRow("code misspelled") << QStringLiteral(
        "{{Code}}") << kName << QStringList {QStringLiteral("{{Code}}"), QStringLiteral("not a variable")};
    QTest::newRow("unknown variable")
        << QStringLiteral("{{code}} for {{user.name}}") << kName
        << QStringList {QStringLiteral("{{user.name}}"), QStringLiteral("not a variable")};
    QTest::newRow("empty braces") << QStringLiteral("{{code}} {{ }}") << kName
                                  << QStringList {QStringLiteral("{{}}"), QStringLiteral("not a variable")};
    QTest::newRow("unclosed") << QStringLiteral("{{code}} for {{tenant.friendly_name") << kName
                              << QStringList {QStringLiteral("do not match"), QStringLiteral("character 14")};
    QTest::newRow("stray close") << QStringLiteral("{{code}} }}") << kName
                                 << QStringList {QStringLiteral("do not match"),
                                                 QStringLiteral("character 10"),
                                                 QStringLiteral("closes nothing")};
    QTest::newRow("nested open") << QStringLiteral("{{code {{locale}}") << kName
                                 << QStringList {QStringLiteral("do not match"),
                                                 QStringLiteral("character 1")};
    QTest::newRow("liquid tag") << QStringLiteral("{% if locale == \"fr\" %}{{code}}{% endif %}") << kName
                                << QStringList {QStringLiteral("not supported")};
    QTest::newRow("liquid filter") << QStringLiteral("{{ code | upcase }}") << kName
                                   << QStringList {QStringLiteral("filters"),
                                                   QStringLiteral("not supported")};
    QTest::newRow("gsm-7 at 1600") << codeAnd(a, 1600) << kName << QStringList();
    QTest::newRow("gsm-7 at 1601") << codeAnd(a, 1601) << kName
                                   << QStringList {QStringLiteral("1601 characters"), QStringLiteral("1600")};
    QTest::newRow("gsm-7 over the limit through the name")
        << QStringLiteral("{{code}} {{tenant.friendly_name}}") << a.repeated(1594)
        << QStringList {QStringLiteral("1601")};
    QTest::newRow("ucs-2 at 737") << codeAnd(kCyrillic, 737) << kName << QStringList();
    QTest::newRow("ucs-2 at 738") << codeAnd(kCyrillic, 738) << kName
                                  << QStringList {QStringLiteral("738 UCS-2"), QStringLiteral("737")};
    QTest::newRow("emoji count two") << QStringLiteral("{{code}} ") + kEmoji.repeated(366) << kName
                                     << QStringList {QStringLiteral("739 UCS-2")};
}

void TestMessageTemplates::check()
{
    QFETCH(QString, text);
    QFETCH(QString, friendlyName);
    QFETCH(QStringList, expected);
    const auto problem = MessageTemplates::check(text, friendlyName);
    if (expected.isEmpty()) {
        QVERIFY2(!problem, qPrintable(problem.value_or(QString())));
        return;
    }
    QVERIFY(problem);
    qsizetype from = 0;
    for (const QString &words : expected) {
        const qsizetype at = problem->indexOf(words, from);
        QVERIFY2(at >= 0, qPrintable(QStringLiteral("“%1” not in “%2”").arg(words, *problem)));
        from = at + words.size();
    }
}

void TestMessageTemplates::segments_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("friendlyName");
    QTest::addColumn<SmsText::Encoding>("encoding");
    QTest::addColumn<int>("units");
    QTest::addColumn<int>("segments");

    using E = SmsText::Encoding;
    const QString a = QStringLiteral("a");
    QTest::newRow("default verification")
        << MessageTemplates::defaultTemplate(MessageTemplates::Kind::Verification) << kName << E::Gsm7 << 41
        << 1;
    QTest::newRow("gsm-7 160: one part") << codeAnd(a, 160) << kName << E::Gsm7 << 160 << 1;
    QTest::newRow("gsm-7 161: two parts") << codeAnd(a, 161) << kName << E::Gsm7 << 161 << 2;
    QTest::newRow("gsm-7 306: two parts of 153") << codeAnd(a, 306) << kName << E::Gsm7 << 306 << 2;
    QTest::newRow("gsm-7 307: three parts") << codeAnd(a, 307) << kName << E::Gsm7 << 307 << 3;
    QTest::newRow("gsm-7 160 through the name")
        << QStringLiteral("{{code}} {{tenant.friendly_name}}") << a.repeated(153) << E::Gsm7 << 160 << 1;
    QTest::newRow("gsm-7 161 through the name")
        << QStringLiteral("{{code}} {{tenant.friendly_name}}") << a.repeated(154) << E::Gsm7 << 161 << 2;
    QTest::newRow("braces of the template do not count")
        << QStringLiteral("{{ code }}") << kName << E::Gsm7 << 6 << 1;
    QTest::newRow("ucs-2 70: one part") << codeAnd(kCyrillic, 70) << kName << E::Ucs2 << 70 << 1;
    QTest::newRow("ucs-2 71: two parts") << codeAnd(kCyrillic, 71) << kName << E::Ucs2 << 71 << 2;
    QTest::newRow("ucs-2 134: two parts of 67") << codeAnd(kCyrillic, 134) << kName << E::Ucs2 << 134 << 2;
    QTest::newRow("ucs-2 135: three parts") << codeAnd(kCyrillic, 135) << kName << E::Ucs2 << 135 << 3;
    QTest::newRow("a non-GSM name makes it ucs-2")
        << MessageTemplates::defaultTemplate(MessageTemplates::Kind::Verification)
        << QStringLiteral("\u0141\u00F3d\u017A") << E::Ucs2 << 41 << 1;
}

void TestMessageTemplates::segments()
{
    QFETCH(QString, text);
    QFETCH(QString, friendlyName);
    QFETCH(SmsText::Encoding, encoding);
    QFETCH(int, units);
    QFETCH(int, segments);
    const QString rendered = MessageTemplates::render(text, MessageTemplates::sampleValues(friendlyName));
    const SmsText::Info direct = SmsText::analyse(rendered);
    QCOMPARE(direct.encoding, encoding);
    QCOMPARE(direct.units, units);
    QCOMPARE(direct.segments, segments);
    const SmsText::Info info = MessageTemplates::analyse(text, friendlyName);
    QCOMPARE(info.encoding, direct.encoding);
    QCOMPARE(info.units, direct.units);
    QCOMPARE(info.segments, direct.segments);
    const auto problem = MessageTemplates::check(text, friendlyName);
    QVERIFY2(!problem, qPrintable(problem.value_or(QString())));
}

QTEST_GUILESS_MAIN(TestMessageTemplates)
#include "TestMessageTemplates.moc"
