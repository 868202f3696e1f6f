// Dialog buttons and confirmation boxes in Authdeck's flat look, on a desktop whose style puts stock icons
// on dialog buttons (as KDE's and GNOME's do): no red-X Cancel, no stock warning triangle; the
// confirmation boxes carry the project's own icon.

#include "core/actions/CustomActionJob.h"
#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/login/PasswordHasher.h"
#include "core/login/UserStore.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/applications/ApplicationPage.h"
#include "ui/applications/CreateApplicationDialog.h"
#include "ui/applications/DeleteApplicationDialog.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/UnsavedChanges.h"
#include "ui/customactions/VersionHistoryDialog.h"
#include "ui/library/ConfigureIntegrationDialog.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/StartupNotice.h"
#include "ui/users/UsersPage.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFrame>
#include <QMenu>
#include <QMessageBox>
#include <QProxyStyle>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include <functional>
#include <memory>

namespace {

/// Fusion with stock icons on dialog buttons, as desktop platform themes ask for.
class StockIconStyle : public QProxyStyle
{
public:
    StockIconStyle()
        : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion")))
    { }

    int styleHint(StyleHint hint,
                  const QStyleOption *option,
                  const QWidget *widget,
                  QStyleHintReturn *returnData) const override
    {
        if (hint == SH_DialogButtonBox_ButtonsHaveIcons)
            return 1;
        return QProxyStyle::styleHint(hint, option, widget, returnData);
    }
};

/// The buttons of @p dialog that show an icon, by text.
QStringList buttonsWithIcons(const QWidget *dialog)
{
    QStringList found;
    const QList<QAbstractButton *> buttons = dialog->findChildren<QAbstractButton *>();
    for (const QAbstractButton *button : buttons) {
        if (qobject_cast<const QDialogButtonBox *>(button->parentWidget()) && !button->icon().isNull())
            found.append(button->text());
    }
    return found;
}

/// The standard buttons (Cancel, Close...) of @p dialog's button boxes: the ones the style gives an icon.
int standardButtons(const QWidget *dialog)
{
    int count = 0;
    const QList<QDialogButtonBox *> boxes = dialog->findChildren<QDialogButtonBox *>();
    for (const QDialogButtonBox *box : boxes) {
        for (QAbstractButton *button : box->buttons())
            count += box->standardButton(button) != QDialogButtonBox::NoButton ? 1 : 0;
    }
    return count;
}

/// Whether @p job finished well (waits for it up to a minute).
bool succeeded(CustomActionJob *job)
{
    QSignalSpy finished(job, &CustomActionJob::finished);
    return finished.wait(60000) && job->succeeded();
}

const QString kSecretName = QStringLiteral("PLIVO_AUTH_TOKEN");

} // namespace

class TestDialogIcons : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void stockIconsShowOnThisStyle();
    void dialogButtons_data();
    void dialogButtons();
    void dialogsAsOpened_data();
    void dialogsAsOpened();
    void confirmationBoxes_data();
    void confirmationBoxes();

private:
    /// Readies the tenant and the window for the dialog or box @p name, and sets @p open to what the admin
    /// does to open it.
    void prepare(const QString &name, std::function<void()> &open);
    /// A user of the tenant, selected on the Users page; enrolled in SMS MFA when @p enrolled.
    void selectUser(bool enrolled);
    /// Plivo installed, on the Library page: its card's menu item @p action.
    QAction *integrationMenuAction(const QString &action);
    /// A custom action with two deployed versions and a secret, open on its page; returns its page.
    Page *openCustomAction();
    QPushButton *pageButton(Page::Id id, const QString &name) const;
    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
};

void TestDialogIcons::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_dialogicons"));
    QApplication::setStyle(new StockIconStyle);
}

void TestDialogIcons::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_tenant->tenant().users().setPasswordHasher(PasswordHasher::minimal());
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestDialogIcons::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

void TestDialogIcons::stockIconsShowOnThisStyle()
{
    // Without this the checks below could not fail.
    QDialogButtonBox plain(QDialogButtonBox::Cancel);
    QVERIFY(!plain.button(QDialogButtonBox::Cancel)->icon().isNull());
    QMessageBox box(QMessageBox::Warning, QStringLiteral("Title"), QStringLiteral("Text"));
    QVERIFY(!box.iconPixmap().isNull());
}

void TestDialogIcons::dialogButtons_data()
{
    QTest::addColumn<QString>("dialog");

    QTest::newRow("Configure Plivo") << QStringLiteral("configure");
    QTest::newRow("Create Application") << QStringLiteral("create");
    QTest::newRow("Delete Application") << QStringLiteral("delete");
}

void TestDialogIcons::dialogButtons()
{
    QFETCH(QString, dialog);
    std::unique_ptr<QDialog> shown;
    if (dialog == QLatin1String("configure")) {
        const CatalogEntry *plivo = m_tenant->tenant().integrations().catalog().find(QStringLiteral("plivo"));
        QVERIFY(plivo);
        shown = std::make_unique<ConfigureIntegrationDialog>(
            m_tenant->tenant().integrations(), m_tenant->tenant().sms(), *plivo, m_window.get());
    } else if (dialog == QLatin1String("create")) {
        shown = std::make_unique<CreateApplicationDialog>(m_tenant->tenant().applications(), m_window.get());
    } else {
        shown = std::make_unique<DeleteApplicationDialog>(QStringLiteral("My App"), m_window.get());
    }
    shown->show();
    QVERIFY(QTest::qWaitForWindowExposed(shown.get()));
    QVERIFY(shown->findChild<QDialogButtonBox *>());
    QCOMPARE(buttonsWithIcons(shown.get()), QStringList());
}

void TestDialogIcons::dialogsAsOpened_data()
{
    QTest::addColumn<QString>("dialog");

    QTest::newRow("Add Integration: consent") << QStringLiteral("consentDialog");
    QTest::newRow("Send test SMS") << QStringLiteral("sendTestSmsDialog");
    QTest::newRow("Create Action") << QStringLiteral("createActionDialog");
    QTest::newRow("Add Secret") << QStringLiteral("secretDialog");
    QTest::newRow("Version History") << QStringLiteral("versionHistory");
    QTest::newRow("Create User") << QStringLiteral("createUserDialog");
}

void TestDialogIcons::dialogsAsOpened()
{
    QFETCH(QString, dialog);
    std::function<void()> open;
    prepare(dialog, open);
    if (QTest::currentTestFailed())
        return;
    ModalAnswer answer(dialog, [](QWidget *modal, QStringList &failures) {
        UI_CHECK(failures, standardButtons(modal) > 0); // else there would be no stock icon to take off
        UI_CHECK(failures, buttonsWithIcons(modal).isEmpty());
        UiTest::closeModal(modal);
    });
    open();
    QTRY_VERIFY(answer.isDone());
    UI_VERIFY_ANSWERED(answer);
}

void TestDialogIcons::confirmationBoxes_data()
{
    QTest::addColumn<QString>("box");
    QTest::addColumn<ConfirmationBox::Tone>("tone");

    QTest::newRow("Require MFA always?")
        << QStringLiteral("alwaysConfirmation") << ConfirmationBox::Tone::Warning;
    QTest::newRow("Unsaved changes") << QStringLiteral("unsavedChangesBox")
                                     << ConfirmationBox::Tone::Question;
    QTest::newRow("Rotate the client secret?")
        << QStringLiteral("rotateConfirmation") << ConfirmationBox::Tone::Danger;
    QTest::newRow("Reset MFA for a user?")
        << QStringLiteral("resetMfaConfirmation") << ConfirmationBox::Tone::Warning;
    QTest::newRow("Delete a user?") << QStringLiteral("deleteUserConfirmation")
                                    << ConfirmationBox::Tone::Danger;
    QTest::newRow("Uninstall Plivo?")
        << QStringLiteral("uninstallConfirmation") << ConfirmationBox::Tone::Danger;
    QTest::newRow("Roll back a custom action?")
        << QStringLiteral("rollbackConfirmation") << ConfirmationBox::Tone::Warning;
    QTest::newRow("Delete a custom action?")
        << QStringLiteral("deleteActionConfirmation") << ConfirmationBox::Tone::Danger;
    QTest::newRow("Remove a secret?")
        << QStringLiteral("removeSecretConfirmation") << ConfirmationBox::Tone::Danger;
    QTest::newRow("Authdeck cannot start")
        << QStringLiteral("cannotStartBox") << ConfirmationBox::Tone::Danger;
    QTest::newRow("Demo tenant not made")
        << QStringLiteral("demoTenantBox") << ConfirmationBox::Tone::Warning;
}

void TestDialogIcons::confirmationBoxes()
{
    QFETCH(QString, box);
    QFETCH(ConfirmationBox::Tone, tone);
    std::function<void()> open;
    prepare(box, open);
    if (QTest::currentTestFailed())
        return;

    ModalAnswer answer(box, [tone](QWidget *modal, QStringList &failures) {
        auto *message = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, message);
        UI_CHECK(failures, message->icon() == QMessageBox::NoIcon); // no stock triangle or question mark
        UI_CHECK(failures, !message->iconPixmap().isNull()); // the project's own icon instead
        auto *confirmation = qobject_cast<ConfirmationBox *>(modal);
        UI_CHECK(failures, confirmation);
        UI_CHECK(failures, confirmation->tone() == tone);
        UI_CHECK(failures, standardButtons(message) > 0);
        UI_CHECK(failures, buttonsWithIcons(message).isEmpty());
        // Cancel where there is a choice (so that nothing changes), else the only answer: OK.
        QAbstractButton *answer = message->button(QMessageBox::Cancel);
        if (!answer)
            answer = message->button(QMessageBox::Ok);
        UI_CHECK(failures, answer);
        QTest::mouseClick(answer, Qt::LeftButton);
    });
    open();
    QTRY_VERIFY(answer.isDone());
    UI_VERIFY_ANSWERED(answer);
}

QPushButton *TestDialogIcons::pageButton(Page::Id id, const QString &name) const
{
    auto *button = m_window->page(id)->findChild<QPushButton *>(name);
    return button && button->isVisible() && button->isEnabled() ? button : nullptr;
}

void TestDialogIcons::selectUser(bool enrolled)
{
    UserStore &users = m_tenant->tenant().users();
    auto created = users.create(QStringLiteral("eve@example.com"), QStringLiteral("correct horse battery"));
    QVERIFY2(created, errorBytes(created));
    if (enrolled) {
        auto done = users.enrollPhone(created.value().id, QStringLiteral("+15554443232"));
        QVERIFY2(done, errorBytes(done));
    }
    QVERIFY(m_window->showPage(Page::Id::Users));
    auto *page = qobject_cast<UsersPage *>(m_window->page(Page::Id::Users));
    QVERIFY(page);
    QTRY_VERIFY(page->selectUser(created.value().id));
}

QAction *TestDialogIcons::integrationMenuAction(const QString &action)
{
    IntegrationService &integrations = m_tenant->tenant().integrations();
    const PlivoCredentials credentials = PlivoSandbox::credentials();
    IntegrationJob *job
        = integrations.install(QStringLiteral("plivo"),
                               {{QStringLiteral("PLIVO_NUMBER"), QStringLiteral("+14155550123")}},
                               {{QStringLiteral("PLIVO_AUTH_ID"), credentials.authId.toUtf8()},
                                {QStringLiteral("PLIVO_AUTH_TOKEN"), credentials.authToken.toUtf8()}},
                               false);
    QSignalSpy finished(job, &IntegrationJob::finished);
    if (!finished.wait(5000) || !job->succeeded())
        return nullptr;
    if (!m_window->showPage(Page::Id::ActionsLibrary))
        return nullptr;
    auto *card
        = m_window->page(Page::Id::ActionsLibrary)->findChild<QFrame *>(QStringLiteral("integration-plivo"));
    auto *menu = card ? card->findChild<QToolButton *>(QStringLiteral("integrationMenu")) : nullptr;
    return menu && menu->menu() ? menu->menu()->findChild<QAction *>(action) : nullptr;
}

Page *TestDialogIcons::openCustomAction()
{
    CustomActionService &actions = m_tenant->tenant().customActions();
    auto created = actions.create(QStringLiteral("Send OTP"), QStringLiteral("send-phone-message"));
    if (!created)
        return nullptr;
    const QString id = created.value().id;
    for (const QString &body :
         {QStringLiteral("console.log('first');"), QStringLiteral("console.log('second');")}) {
        auto stored = actions.find(id);
        if (!stored)
            return nullptr;
        const QString code
            = QStringLiteral("exports.onExecuteSendPhoneMessage = async (event, api) => {\n  %1\n};\n")
                  .arg(body);
        if (!actions.saveDraft(id, code, {}, stored.value().revision) || !succeeded(actions.deploy(id)))
            return nullptr;
    }
    if (!succeeded(actions.setSecret(id, kSecretName, QByteArrayLiteral("s3cr3t"))))
        return nullptr;
    if (!m_window->showPage(Page::Id::CustomAction, id))
        return nullptr;
    return m_window->page(Page::Id::CustomAction);
}

void TestDialogIcons::prepare(const QString &name, std::function<void()> &open)
{
    const auto click
        = [](QPushButton *button) { return [button] { QTest::mouseClick(button, Qt::LeftButton); }; };
    if (name == QLatin1String("alwaysConfirmation")) {
        QVERIFY(m_window->showPage(Page::Id::MultiFactor));
        auto *always = m_window->page(Page::Id::MultiFactor)
                           ->findChild<QRadioButton *>(QStringLiteral("policyAlways"));
        QVERIFY(always);
        open = [always] { UiTest::clickToggle(always); };
    } else if (name == QLatin1String("unsavedChangesBox")) {
        open = [this] {
            UnsavedChanges::confirm(
                m_window.get(),
                {QStringLiteral("Unsaved changes"), QStringLiteral("Text"), {}},
                [] { return true; },
                [] {});
        };
    } else if (name == QLatin1String("rotateConfirmation")) {
        auto created = m_tenant->tenant().applications().create(
            {QStringLiteral("Web App"), ApplicationType::RegularWeb, {}, {}});
        QVERIFY2(created, errorBytes(created));
        QVERIFY(m_window->showPage(Page::Id::Application, created.value().clientId));
        auto *page = qobject_cast<ApplicationPage *>(m_window->page(Page::Id::Application));
        QVERIFY(page);
        page->tabs()->setCurrentIndex(1);
        auto *rotate = page->findChild<QPushButton *>(QStringLiteral("rotateSecretButton"));
        QVERIFY(rotate);
        QTRY_VERIFY(rotate->isVisible());
        open = [rotate] { QTest::mouseClick(rotate, Qt::LeftButton); };
    } else if (name == QLatin1String("resetMfaConfirmation")
               || name == QLatin1String("deleteUserConfirmation")) {
        const bool reset = name == QLatin1String("resetMfaConfirmation");
        selectUser(reset);
        QPushButton *button = pageButton(
            Page::Id::Users, reset ? QStringLiteral("resetMfaButton") : QStringLiteral("deleteUserButton"));
        QVERIFY(button);
        open = click(button);
    } else if (name == QLatin1String("createUserDialog")) {
        QVERIFY(m_window->showPage(Page::Id::Users));
        QPushButton *create = pageButton(Page::Id::Users, QStringLiteral("createUserButton"));
        QVERIFY(create);
        open = click(create);
    } else if (name == QLatin1String("uninstallConfirmation") || name == QLatin1String("sendTestSmsDialog")) {
        QAction *action = integrationMenuAction(name == QLatin1String("uninstallConfirmation")
                                                    ? QStringLiteral("uninstallAction")
                                                    : QStringLiteral("sendTestSmsAction"));
        QVERIFY(action);
        open = [action] { action->trigger(); };
    } else if (name == QLatin1String("consentDialog")) {
        QVERIFY(m_window->showPage(Page::Id::Integration, QStringLiteral("plivo")));
        QPushButton *add = pageButton(Page::Id::Integration, QStringLiteral("addIntegration"));
        QVERIFY(add);
        open = click(add);
    } else if (name == QLatin1String("createActionDialog")) {
        QVERIFY(m_window->showPage(Page::Id::ActionsLibrary, QStringLiteral("custom")));
        QPushButton *create = pageButton(Page::Id::ActionsLibrary, QStringLiteral("createActionButton"));
        QVERIFY(create);
        open = click(create);
    } else if (name == QLatin1String("secretDialog") || name == QLatin1String("removeSecretConfirmation")) {
        Page *page = openCustomAction();
        QVERIFY(page);
        auto *side = page->findChild<QTabWidget *>(QStringLiteral("sidePanel"));
        QVERIFY(side);
        side->setCurrentIndex(0); // Secrets
        if (name == QLatin1String("removeSecretConfirmation")) {
            auto *list = page->findChild<QTreeWidget *>(QStringLiteral("secretsList"));
            QVERIFY(list);
            QTRY_COMPARE(list->findItems(kSecretName, Qt::MatchExactly).size(), 1);
            list->setCurrentItem(list->findItems(kSecretName, Qt::MatchExactly).constFirst());
        }
        QPushButton *button = nullptr;
        const QString buttonName = name == QLatin1String("secretDialog")
            ? QStringLiteral("addSecretButton")
            : QStringLiteral("removeSecretButton");
        QTRY_VERIFY((button = pageButton(Page::Id::CustomAction, buttonName)));
        open = click(button);
    } else if (name == QLatin1String("versionHistory") || name == QLatin1String("deleteActionConfirmation")) {
        QVERIFY(openCustomAction());
        QPushButton *button
            = pageButton(Page::Id::CustomAction,
                         name == QLatin1String("versionHistory") ? QStringLiteral("versionHistoryButton")
                                                                 : QStringLiteral("deleteActionButton"));
        QVERIFY(button);
        open = click(button);
    } else if (name == QLatin1String("rollbackConfirmation")) {
        Page *page = openCustomAction();
        QVERIFY(page);
        QPushButton *history = pageButton(Page::Id::CustomAction, QStringLiteral("versionHistoryButton"));
        QVERIFY(history);
        QTest::mouseClick(history, Qt::LeftButton);
        auto *dialog = page->findChild<VersionHistoryDialog *>(QStringLiteral("versionHistory"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(dialog->selectVersion(1));
        auto *rollback = dialog->findChild<QPushButton *>(QStringLiteral("rollbackButton"));
        QVERIFY(rollback && rollback->isEnabled());
        open = click(rollback);
    } else if (name == QLatin1String("cannotStartBox")) {
        // What `authdeck` does when the tenant does not open, on a platform with a screen.
        open = [] { StartupNotice::cannotStart(QStringLiteral("The tenant file is damaged.")); };
    } else if (name == QLatin1String("demoTenantBox")) {
        open = [this] {
            StartupNotice::demoNotSeeded(m_window.get(), QStringLiteral("The demo was not made."));
        };
    } else {
        QFAIL(qPrintable(QStringLiteral("no way to open %1").arg(name)));
    }
}

QTEST_MAIN(TestDialogIcons)
#include "TestDialogIcons.moc"
