// The message templates of Security > Multi-factor Auth > Phone Message on the real main window: the
// live preview with the test code and the tenant's name, the SMS stats, the rules a template must keep
// (shown inline, and refused on Save) and Reset to Auth0's default.

#include "core/mfa/MessageTemplates.h"
#include "core/mfa/MfaService.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/MfaPageFixture.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/common/MessageBar.h"
#include "ui/mfa/TemplateEditor.h"
#include "ui/shell/MainWindow.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {

QString stats(int characters, const char *encoding, int segments)
{
    return QStringLiteral("Preview with code 123456: %1 characters · %2 · SMS segments: %3")
        .arg(characters)
        .arg(QLatin1String(encoding))
        .arg(segments);
}

/// Types @p text in @p edit as the admin would; QTest::keyClicks() types ASCII only, so other text, and
/// long text, is pasted.
void enterTemplate(QPlainTextEdit *edit, const QString &text)
{
    const bool ascii = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
    if (text.size() <= 120 && ascii) {
        UiTest::retype(edit, text);
        return;
    }
    edit->setFocus();
    edit->selectAll();
    edit->insertPlainText(text);
}

} // namespace

class TestMfaTemplates : public QObject, private MfaPageFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void livePreview_data();
    void livePreview();
    void badTemplateIsRefused_data();
    void badTemplateIsRefused();
    void resetTemplate_data();
    void resetTemplate();

private:
    MfaService &mfa() { return m_tenant->tenant().mfa(); }
    Page *phonePage() const { return m_window->page(Page::Id::PhoneMessage); }
    bool openPhonePage() { return m_window->showPage(Page::Id::PhoneMessage) && phonePage()->isVisible(); }
    template<typename T>
    T *child(QWidget *in, const QString &name) const
    {
        return in ? in->findChild<T *>(name) : nullptr;
    }
    template<typename T>
    T *inEditor(const QString &name, const QString &editor = QStringLiteral("enrollmentTemplate")) const
    {
        return child<T>(child<TemplateEditor>(phonePage(), editor), name);
    }
};

void TestMfaTemplates::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_mfatemplates"));
}

void TestMfaTemplates::init()
{
    setUp({QStringLiteral("Acme Test"), false, false});
}

void TestMfaTemplates::cleanup()
{
    tearDown();
}

void TestMfaTemplates::livePreview_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("preview");
    QTest::addColumn<QString>("stats");
    const QString x200(200, QLatin1Char('x'));
    const QString a1593(1593, QLatin1Char('a'));
    const QString zhe70(70, QChar(0x436));
    const QString zhe730(730, QChar(0x436));

    QTest::newRow("Auth0's default") << MessageTemplates::defaultTemplate(MessageTemplates::Kind::Enrollment)
                                     << QStringLiteral("123456 is your verification code for Acme Test. "
                                                       "Please enter this code to verify your enrollment.")
                                     << stats(97, "GSM-7", 1);
    QTest::newRow("every variable, spaces and the alias")
        << QStringLiteral("{{ code }} for {{tenant.friendlyName}} ({{message_type}}, {{locale}})")
        << QStringLiteral("123456 for Acme Test (sms, en)") << stats(30, "GSM-7", 1);
    QTest::newRow("GSM-7 extension characters")
        << QStringLiteral("[{{code}}] €") << QStringLiteral("[123456] €") << stats(10, "GSM-7", 1);
    QTest::newRow("two GSM-7 segments")
        << QStringLiteral("{{code}} ") + x200 << QStringLiteral("123456 ") + x200 << stats(207, "GSM-7", 2);
    QTest::newRow("exactly 1,600 GSM-7 characters")
        << QStringLiteral("{{code}} ") + a1593 << QStringLiteral("123456 ") + a1593
        << stats(1600, "GSM-7", 11);
    QTest::newRow("UCS-2: Cyrillic") << QStringLiteral("Ваш код {{code}} для {{tenant.friendly_name}}")
                                     << QStringLiteral("Ваш код 123456 для Acme Test")
                                     << stats(28, "UCS-2", 1);
    QTest::newRow("UCS-2: an emoji is one character")
        << QStringLiteral("{{code}} 🔐") << QStringLiteral("123456 🔐") << stats(8, "UCS-2", 1);
    QTest::newRow("two UCS-2 segments") << QStringLiteral("Код {{code}} ") + zhe70
                                        << QStringLiteral("Код 123456 ") + zhe70 << stats(81, "UCS-2", 2);
    QTest::newRow("exactly 737 UCS-2 characters")
        << QStringLiteral("{{code}} ") + zhe730 << QStringLiteral("123456 ") + zhe730
        << stats(737, "UCS-2", 11);
}

void TestMfaTemplates::livePreview()
{
    QFETCH(QString, text);
    QFETCH(QString, preview);
    QFETCH(QString, stats);
    QVERIFY(openPhonePage());
    auto *edit = inEditor<QPlainTextEdit>(QStringLiteral("templateEdit"));
    auto *shown = inEditor<QLabel>(QStringLiteral("templatePreview"));
    auto *shownStats = inEditor<QLabel>(QStringLiteral("templateStats"));
    auto *error = inEditor<QLabel>(QStringLiteral("templateError"));
    QVERIFY(edit && shown && shownStats && error);

    enterTemplate(edit, QStringLiteral("{{code}}")); // something else first: the preview follows the edits
    QCOMPARE(shown->text(), QStringLiteral("123456"));
    enterTemplate(edit, text);
    QCOMPARE(edit->toPlainText(), text);
    QCOMPARE(shown->text(), preview);
    QCOMPARE(shownStats->text(), stats);
    QVERIFY2(!error->isVisible(), qPrintable(error->text()));
}

void TestMfaTemplates::badTemplateIsRefused_data()
{
    QTest::addColumn<QString>("editor");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");
    const QString enrollment = QStringLiteral("enrollmentTemplate");

    QTest::newRow("no {{code}}") << enrollment << QStringLiteral("Your code for {{tenant.friendly_name}}")
                                 << QStringLiteral("must contain {{code}}");
    QTest::newRow("unknown {{foo}}") << enrollment << QStringLiteral("{{code}} and {{foo}}")
                                     << QStringLiteral("{{foo}} is not a variable of phone messages");
    QTest::newRow("unclosed braces") << enrollment << QStringLiteral("{{code}} for {{tenant")
                                     << QStringLiteral("is not closed");
    QTest::newRow("Liquid tag") << enrollment << QStringLiteral("{% if locale %}{{code}}{% endif %}")
                                << QStringLiteral("Liquid tags");
    QTest::newRow("empty") << enrollment << QString() << QStringLiteral("The message is empty.");
    QTest::newRow("1,601 GSM-7 characters")
        << enrollment << QStringLiteral("{{code}} ") + QString(1594, QLatin1Char('a'))
        << QStringLiteral("1601 characters; Plivo sends at most 1600 GSM-7 characters");
    QTest::newRow("738 UCS-2 characters")
        << enrollment << QStringLiteral("{{code}} ") + QString(731, QChar(0x436))
        << QStringLiteral("738 UCS-2 characters");
    QTest::newRow("verification: no {{code}}")
        << QStringLiteral("verificationTemplate") << QStringLiteral("Hello")
        << QStringLiteral("must contain {{code}}");
}

void TestMfaTemplates::badTemplateIsRefused()
{
    QFETCH(QString, editor);
    QFETCH(QString, text);
    QFETCH(QString, reason);
    QVERIFY(openPhonePage());
    auto *edit = inEditor<QPlainTextEdit>(QStringLiteral("templateEdit"), editor);
    auto *error = inEditor<QLabel>(QStringLiteral("templateError"), editor);
    auto *save = child<QPushButton>(phonePage(), QStringLiteral("savePhoneButton"));
    auto *bar = child<MessageBar>(phonePage(), QStringLiteral("messageBar"));
    QVERIFY(edit && error && save && bar);
    QVERIFY(!error->isVisible());
    const PhoneFactorSettings before = mfa().phoneFactor();

    enterTemplate(edit, text);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(reason), qPrintable(error->text()));
    QVERIFY(edit->property("invalid").toBool());

    QSignalSpy changed(&mfa(), &MfaService::changed);
    if (save->isEnabled())
        QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->level(), MessageBar::Level::Error);
    const QString which = editor == QLatin1String("enrollmentTemplate") ? QStringLiteral("Enrollment")
                                                                        : QStringLiteral("Verification");
    QVERIFY2(bar->text().startsWith(QStringLiteral("Nothing was saved: %1 message: ").arg(which)),
             qPrintable(bar->text()));
    QVERIFY2(bar->text().contains(reason), qPrintable(bar->text()));
    QCOMPARE(changed.count(), 0);
    QVERIFY(mfa().phoneFactor() == before);
    QCOMPARE(edit->toPlainText(), text); // kept, to be fixed
}

void TestMfaTemplates::resetTemplate_data()
{
    QTest::addColumn<QString>("editor");
    QTest::addColumn<QString>("auth0Default");
    QTest::addColumn<QString>("preview");

    QTest::newRow("enrollment") << QStringLiteral("enrollmentTemplate")
                                << QStringLiteral(
                                       "{{code}} is your verification code for {{tenant.friendly_name}}. "
                                       "Please enter this code to verify your enrollment.")
                                << QStringLiteral(
                                       "123456 is your verification code for Acme Test. Please enter "
                                       "this code to verify your enrollment.");
    QTest::newRow("verification") << QStringLiteral("verificationTemplate")
                                  << QStringLiteral(
                                         "{{code}} is your verification code for {{tenant.friendly_name}}")
                                  << QStringLiteral("123456 is your verification code for Acme Test");
}

void TestMfaTemplates::resetTemplate()
{
    QFETCH(QString, editor);
    QFETCH(QString, auth0Default);
    QFETCH(QString, preview);
    const bool enrollment = editor == QLatin1String("enrollmentTemplate");
    QCOMPARE(MessageTemplates::defaultTemplate(enrollment ? MessageTemplates::Kind::Enrollment
                                                          : MessageTemplates::Kind::Verification),
             auth0Default);
    // A custom template is stored: Reset to default brings Auth0's back, to be saved.
    PhoneFactorSettings custom = mfa().phoneFactor();
    (enrollment ? custom.enrollmentTemplate : custom.verificationTemplate) = QStringLiteral("Code: {{code}}");
    const auto stored = mfa().savePhoneFactor(custom);
    QVERIFY2(stored, errorBytes(stored));

    QVERIFY(openPhonePage());
    auto *edit = inEditor<QPlainTextEdit>(QStringLiteral("templateEdit"), editor);
    auto *reset = inEditor<QPushButton>(QStringLiteral("resetTemplate"), editor);
    auto *shown = inEditor<QLabel>(QStringLiteral("templatePreview"), editor);
    auto *error = inEditor<QLabel>(QStringLiteral("templateError"), editor);
    auto *save = child<QPushButton>(phonePage(), QStringLiteral("savePhoneButton"));
    QVERIFY(edit && reset && shown && error && save);
    QCOMPARE(edit->toPlainText(), QStringLiteral("Code: {{code}}"));
    enterTemplate(edit, QStringLiteral("{{foo}}")); // even a broken edit is replaced
    QVERIFY(error->isVisible());

    QTest::mouseClick(reset, Qt::LeftButton);
    QCOMPARE(edit->toPlainText(), auth0Default);
    QCOMPARE(shown->text(), preview);
    QVERIFY(!error->isVisible());
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    const PhoneFactorSettings saved = mfa().phoneFactor();
    QCOMPARE(enrollment ? saved.enrollmentTemplate : saved.verificationTemplate, auth0Default);
    QVERIFY(!save->isEnabled());
}

QTEST_MAIN(TestMfaTemplates)
#include "TestMfaTemplates.moc"
