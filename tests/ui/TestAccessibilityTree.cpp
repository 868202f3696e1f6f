// Every page, dialog and window, opened as `authdeck --screenshots` opens them (the same ScreenshotRenderer,
// with the same seeded tenant), read through the accessibility tree the way a screen reader reads it: each
// interactive control has a name, no two share one in a window, and no name holds a line break.
// The Try window's enrollment, challenge and success screens are reached by logging in through it.

#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/tenant/Tenant.h"
#include "tests/support/TempTenant.h"
#include "ui/library/ConfigureIntegrationDialog.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/ScreenshotRenderer.h"
#include "ui/testphone/TestPhoneModel.h"
#include "ui/trylogin/TryLoginWindow.h"

#include <QAccessible>
#include <QComboBox>
#include <QFrame>
#include <QHash>
#include <QLineEdit>
#include <QMetaEnum>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

#include <algorithm>
#include <memory>

namespace {

/// What a screen reader offers to act on: it must be able to say what each of these is.
bool isInteractive(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::PushButton:
    case QAccessible::ButtonMenu:
    case QAccessible::ButtonDropDown:
    case QAccessible::ButtonDropGrid:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::ComboBox:
    case QAccessible::EditableText:
    case QAccessible::SpinBox:
    case QAccessible::Slider:
    case QAccessible::Dial:
    case QAccessible::HotkeyField:
    case QAccessible::ListItem:
    case QAccessible::PageTab:
    case QAccessible::Link:
    case QAccessible::MenuItem:
        return true;
    default:
        return false;
    }
}

QString roleName(QAccessible::Role role)
{
    return QLatin1String(QMetaEnum::fromType<QAccessible::Role>().valueToKey(role));
}

/// Where @p node sits, for the failure message: its class and the nearest object names up the tree.
QString whereIs(QAccessibleInterface *node)
{
    const QObject *object = nullptr;
    for (QAccessibleInterface *n = node; n && !object; n = n->parent())
        object = n->object();
    if (!object)
        return QStringLiteral("?");
    QStringList names;
    for (const QObject *o = object; o && names.size() < 3; o = o->parent()) {
        if (!o->objectName().isEmpty())
            names.prepend(o->objectName());
    }
    return QStringLiteral("%1 in %2")
        .arg(QLatin1String(object->metaObject()->className()),
             names.isEmpty() ? QStringLiteral("?") : names.join(QLatin1Char('/')));
}

struct Control
{
    QString name;
    QAccessible::Role role;
    QString where;
    const QObject *object; ///< the widget, or nullptr for an item of one (a list row, a tab)
};

void collect(QAccessibleInterface *node, QList<Control> &controls)
{
    if (!node || !node->isValid() || node->state().invisible)
        return;
    if (isInteractive(node->role()))
        controls.append({node->text(QAccessible::Name), node->role(), whereIs(node), node->object()});
    const int count = node->childCount();
    for (int i = 0; i < count; ++i)
        collect(node->child(i), controls);
}

/// The interactive controls a screen reader reaches in @p window.
QList<Control> controlsOf(QWidget *window)
{
    QList<Control> controls;
    collect(QAccessible::queryAccessibleInterface(window), controls);
    return controls;
}

/// What is wrong with the accessibility tree of @p window, one line per problem.
QStringList problemsOf(QWidget *window)
{
    const QList<Control> controls = controlsOf(window);
    if (controls.isEmpty())
        return {QStringLiteral("no interactive control found in %1").arg(window->objectName())};

    QStringList problems;
    QHash<QString, QList<Control>> byName;
    for (const Control &control : std::as_const(controls)) {
        const QString what = QStringLiteral("%1 (%2)").arg(roleName(control.role), control.where);
        if (control.name.trimmed().isEmpty())
            problems << QStringLiteral("unnamed %1").arg(what);
        else if (control.name.contains(QLatin1Char('\n')))
            problems << QStringLiteral("line break in “%1”: %2").arg(control.name, what);
        else
            byName[control.name].append(control);
    }
    for (auto it = byName.cbegin(); it != byName.cend(); ++it) {
        if (it.value().size() < 2)
            continue;
        QStringList where;
        for (const Control &control : it.value())
            where << QStringLiteral("%1 (%2)").arg(roleName(control.role), control.where);
        problems << QStringLiteral("“%1” names %2 controls: %3")
                        .arg(it.key())
                        .arg(it.value().size())
                        .arg(where.join(QStringLiteral(", ")));
    }
    problems.sort();
    return problems;
}

} // namespace

class TestAccessibilityTree : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void window_data();
    void window();
    // The Try window's screens past the first one, reached by logging in through it.
    void tryLoginScreen_data();
    void tryLoginScreen();
    // What the walk cannot tell: a vague name, an unnamed card, a field read as a password.
    void tryCardNamedLikeTheSteps();
    void factorButtonSaysWhichFactor();
    void authIdIsNotAPassword();

private:
    QTemporaryDir m_folder;
    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
    /// The problems found in each page and dialog, by its screenshot name.
    QHash<QString, QStringList> m_problems;
};

void TestAccessibilityTree::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_accessibilitytree"));
    // As with a screen reader running: item views then keep their accessible cells up to date.
    QAccessible::setActive(true);
    QVERIFY(m_folder.isValid());

    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    // As `authdeck --screenshots` does: the seeded Plivo integration sends through the local test phone.
    QVERIFY2(m_tenant->tenant().sms().startSandbox(),
             qPrintable(m_tenant->tenant().sms().sandbox().errorString()));
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->resize(1280, 800);

    ScreenshotRenderer renderer(m_tenant->tenant(), *m_window);
    connect(&renderer, &ScreenshotRenderer::rendering, this, [this](QWidget *widget, const QString &name) {
        m_problems.insert(name, problemsOf(widget->window()));
    });
    QSignalSpy finished(&renderer, &ScreenshotRenderer::finished);
    renderer.start(m_folder.path());
    QVERIFY(finished.wait(90000));
    QVERIFY2(finished.constFirst().at(1).toString().isEmpty(),
             qPrintable(finished.constFirst().at(1).toString()));
}

void TestAccessibilityTree::cleanupTestCase()
{
    m_window.reset();
    m_tenant.reset();
}

void TestAccessibilityTree::window_data()
{
    QTest::addColumn<QString>("name");
    // The pages in sidebar order, as the renderer names them, then the dialogs and windows.
    const QStringList names {
        QStringLiteral("getting-started"),
        QStringLiteral("applications"),
        QStringLiteral("application-quickstart"),
        QStringLiteral("application-settings"),
        QStringLiteral("actions-library"),
        QStringLiteral("actions-library-custom"),
        QStringLiteral("actions-catalog"),
        QStringLiteral("integration"),
        QStringLiteral("custom-action"),
        QStringLiteral("actions-flows"),
        QStringLiteral("flow-editor"),
        QStringLiteral("multi-factor"),
        QStringLiteral("phone-message"),
        QStringLiteral("users"),
        QStringLiteral("logs"),
        QStringLiteral("tenant-settings"),
        QStringLiteral("create-application-dialog"),
        QStringLiteral("delete-application-dialog"),
        QStringLiteral("consent-dialog"),
        QStringLiteral("configure-integration-dialog"),
        QStringLiteral("send-test-sms-dialog"),
        QStringLiteral("try-login"),
        QStringLiteral("create-action-dialog"),
        QStringLiteral("version-history-dialog"),
        QStringLiteral("test-phone"),
    };
    for (const QString &name : names)
        QTest::newRow(qPrintable(name)) << name;
    // A page or dialog the renderer gained later is walked too.
    QStringList added = m_problems.keys();
    added.sort();
    for (const QString &name : std::as_const(added)) {
        if (!names.contains(name))
            QTest::newRow(qPrintable(name)) << name;
    }
}

void TestAccessibilityTree::window()
{
    QFETCH(QString, name);
    QVERIFY2(m_problems.contains(name), "the renderer never showed it");
    const QStringList problems = m_problems.value(name);
    QVERIFY2(problems.isEmpty(), qPrintable(QLatin1Char('\n') + problems.join(QLatin1Char('\n'))));
}

void TestAccessibilityTree::tryLoginScreen_data()
{
    QTest::addColumn<QString>("screen");
    QTest::addColumn<QStringList>("controls"); // object names the walk must reach

    QTest::newRow("enrollment") << QStringLiteral("enrollScreen")
                                << QStringList {QStringLiteral("countryCombo"),
                                                QStringLiteral("phoneEdit"),
                                                QStringLiteral("enrollButton")};
    QTest::newRow("challenge") << QStringLiteral("challengeScreen")
                               << QStringList {QStringLiteral("codeEdit"),
                                               QStringLiteral("verifyButton"),
                                               QStringLiteral("resendButton")};
    QTest::newRow("success") << QStringLiteral("doneScreen")
                             << QStringList {QStringLiteral("profileJson"), QStringLiteral("tryAgainButton")};
}

void TestAccessibilityTree::tryLoginScreen()
{
    QFETCH(QString, screen);
    QFETCH(QStringList, controls);
    auto app = m_tenant->tenant().applications().firstOfType(ApplicationType::SinglePage, false);
    QVERIFY(app && app.value());
    TryLoginWindow window(m_tenant->tenant(), {app.value()->clientId, app.value()->name});
    window.resize(1100, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *screens = window.findChild<QStackedWidget *>();
    QVERIFY(screens);
    const auto current = [screens] {
        const auto *card = screens->currentWidget()->findChild<QFrame *>();
        return card ? card->objectName() : QString();
    };
    const auto onScreen = [screens](const char *name) {
        return screens->currentWidget()->findChild<QWidget *>(QLatin1String(name));
    };

    // A new user signs up: the tenant requires MFA, so the enrollment follows.
    QTest::mouseClick(qobject_cast<QPushButton *>(onScreen("showSignUpLink")), Qt::LeftButton);
    QTRY_COMPARE(current(), QStringLiteral("signUpScreen"));
    QTest::keyClicks(onScreen("emailEdit"), QStringLiteral("%1@example.com").arg(screen));
    QTest::keyClicks(onScreen("passwordEdit"), QStringLiteral("correct horse battery"));
    QTest::mouseClick(qobject_cast<QPushButton *>(onScreen("continueButton")), Qt::LeftButton);
    QTRY_COMPARE(current(), QStringLiteral("enrollScreen"));
    if (screen != QLatin1String("enrollScreen")) {
        // Each row its own number, so that its code is the newest message to it.
        const QString number = screen == QLatin1String("challengeScreen") ? QStringLiteral("(201) 555-0140")
                                                                          : QStringLiteral("(201) 555-0141");
        auto *country = qobject_cast<QComboBox *>(onScreen("countryCombo"));
        QVERIFY(country);
        country->setCurrentIndex(country->findData(QStringLiteral("US")));
        QTest::keyClicks(onScreen("phoneEdit"), number);
        QTest::mouseClick(qobject_cast<QPushButton *>(onScreen("enrollButton")), Qt::LeftButton);
        QTRY_COMPARE(current(), QStringLiteral("challengeScreen"));
        if (screen == QLatin1String("doneScreen")) {
            const auto code = [this, number] {
                const auto messages = m_tenant->tenant().sms().sandbox().messages(); // newest first
                for (const auto &message : messages) {
                    if (message.to.endsWith(QStringView(number).right(4)))
                        return TestPhoneModel::codeIn(message.text);
                }
                return QString();
            };
            QTRY_VERIFY(!code().isEmpty());
            QTest::keyClicks(onScreen("codeEdit"), code());
            QTest::mouseClick(qobject_cast<QPushButton *>(onScreen("verifyButton")), Qt::LeftButton);
            QTRY_COMPARE(current(), QStringLiteral("doneScreen"));
        }
    }

    // The walk reached the screen's own controls, each with a name; nothing in the window is unnamed,
    // named twice or named across lines.
    const QList<Control> walked = controlsOf(&window);
    for (const QString &name : std::as_const(controls)) {
        QWidget *widget = onScreen(qPrintable(name));
        QVERIFY2(widget, qPrintable(name));
        const auto found = std::find_if(walked.cbegin(), walked.cend(), [widget](const Control &control) {
            return control.object == widget;
        });
        QVERIFY2(found != walked.cend(), qPrintable(QStringLiteral("the walk did not reach %1").arg(name)));
        QVERIFY2(!found->name.trimmed().isEmpty(), qPrintable(name));
    }
    const QStringList problems = problemsOf(&window);
    QVERIFY2(problems.isEmpty(), qPrintable(QLatin1Char('\n') + problems.join(QLatin1Char('\n'))));
}

void TestAccessibilityTree::tryCardNamedLikeTheSteps()
{
    QVERIFY(m_window->showPage(Page::Id::GettingStarted));
    Page *page = m_window->page(Page::Id::GettingStarted);
    auto *step = page->findChild<QFrame *>(QStringLiteral("step1"));
    auto *tryCard = page->findChild<QFrame *>(QStringLiteral("tryCard"));
    QVERIFY(step && tryCard);
    QVERIFY(!QAccessible::queryAccessibleInterface(step)->text(QAccessible::Name).isEmpty());
    QCOMPARE(QAccessible::queryAccessibleInterface(tryCard)->text(QAccessible::Name),
             QStringLiteral("Try your login"));
}

void TestAccessibilityTree::factorButtonSaysWhichFactor()
{
    QVERIFY(m_window->showPage(Page::Id::MultiFactor));
    auto *configure = m_window->page(Page::Id::MultiFactor)
                          ->findChild<QPushButton *>(QStringLiteral("configurePhoneButton"));
    QVERIFY(configure);
    QCOMPARE(QAccessible::queryAccessibleInterface(configure)->text(QAccessible::Name),
             QStringLiteral("Configure Phone Message"));
}

void TestAccessibilityTree::authIdIsNotAPassword()
{
    const CatalogEntry *plivo = m_tenant->tenant().integrations().catalog().find(QStringLiteral("plivo"));
    QVERIFY(plivo);
    ConfigureIntegrationDialog dialog(m_tenant->tenant().integrations(), m_tenant->tenant().sms(), *plivo);
    dialog.show();
    auto *authId = dialog.findChild<QLineEdit *>(QStringLiteral("input-PLIVO_AUTH_ID"));
    auto *authToken = dialog.findChild<QLineEdit *>(QStringLiteral("input-PLIVO_AUTH_TOKEN"));
    QVERIFY(authId && authToken);
    QAccessibleInterface *id = QAccessible::queryAccessibleInterface(authId);
    QCOMPARE(id->role(), QAccessible::EditableText);
    QVERIFY(!id->state().passwordEdit);
    QCOMPARE(authId->echoMode(), QLineEdit::Normal);
    // The token stays a secret.
    QVERIFY(QAccessible::queryAccessibleInterface(authToken)->state().passwordEdit);
}

QTEST_MAIN(TestAccessibilityTree)
#include "TestAccessibilityTree.moc"
