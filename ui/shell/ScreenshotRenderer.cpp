#include "ScreenshotRenderer.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/actions/PlivoIntegration.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/delivery/SmsGateway.h"
#include "core/delivery/SmsSend.h"
#include "core/login/UserStore.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/server/LoginServer.h"
#include "core/tenant/DemoSeeder.h"
#include "core/tenant/Tenant.h"
#include "ui/apis/ApiClientRow.h"
#include "ui/apis/ApiClientsTab.h"
#include "ui/apis/ApiPage.h"
#include "ui/applications/ApplicationPage.h"
#include "ui/applications/ApplicationSettingsTab.h"
#include "ui/applications/CreateApplicationDialog.h"
#include "ui/applications/DeleteApplicationDialog.h"
#include "ui/common/UrlListEdit.h"
#include "ui/customactions/VersionHistoryDialog.h"
#include "ui/exchange/ExchangeScreenshots.h"
#include "ui/library/ConfigureIntegrationDialog.h"
#include "ui/library/ConsentDialog.h"
#include "ui/library/CreateActionDialog.h"
#include "ui/library/SendTestSmsDialog.h"
#include "ui/shell/AboutDialog.h"
#include "ui/shell/KeyboardShortcutsDialog.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/ScreenshotUsers.h"
#include "ui/shell/Theme.h"
#include "ui/tenantopen/OpenTenantDialog.h"
#include "ui/testphone/TestPhoneWindow.h"
#include "ui/trylogin/TryLoginWindow.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTimer>

#include <memory>
#include <utility>

ScreenshotRenderer::ScreenshotRenderer(Tenant &tenant, MainWindow &window, QObject *parent)
    : QObject(parent)
    , m_tenant(tenant)
    , m_window(window)
{ }

void ScreenshotRenderer::start(const QString &folder)
{
    m_folder = folder;
    m_written.clear();
    m_error.clear();
    if (!QDir().mkpath(folder))
        return fail(tr("Cannot create the folder %1.").arg(folder));
    // Getting Started as a new tenant shows it, before anything is seeded: with the demo tenant offered.
    for (Theme::Mode mode : {Theme::Mode::Light, Theme::Mode::Dark}) {
        Theme::instance().apply(mode);
        m_theme = Theme::modeKey(mode);
        m_window.show();
        m_window.showPage(Page::Id::GettingStarted);
        save(&m_window, QStringLiteral("getting-started-new-tenant"));
        m_window.showPage(Page::Id::Api, QStringLiteral("machine-to-machine"));
        save(&m_window, QStringLiteral("api-machine-to-machine-empty"));
    }
    seedApplications();
}

void ScreenshotRenderer::fail(const QString &error)
{
    QMetaObject::invokeMethod(
        this, [this, error] { Q_EMIT finished(m_written, error); }, Qt::QueuedConnection);
}

void ScreenshotRenderer::seedApplications()
{
    // The whole story first (as authdeck --demo has it), then a few more applications of other types.
    auto *seeder = new DemoSeeder(m_tenant, this);
    connect(seeder, &DemoSeeder::finished, this, [this, seeder](const QString &error) {
        seeder->deleteLater();
        if (!error.isEmpty())
            return fail(error);
        const QList<NewApplication> samples {
            {QStringLiteral("Billing Service"),
             ApplicationType::MachineToMachine,
             {},
             QStringLiteral("Nightly invoices")},
            {QStringLiteral("Reporting Job"), ApplicationType::MachineToMachine, {}, {}},
            {QStringLiteral("Customer Portal"), ApplicationType::RegularWeb, {}, {}},
            {QStringLiteral("Field Agent (iOS)"), ApplicationType::Native, {}, {}},
        };
        for (const NewApplication &sample : samples) {
            auto created = m_tenant.applications().create(sample);
            if (!created)
                return fail(created.error().message());
            if (sample.name == QLatin1String("Billing Service")) // authorized for the Management API
                if (auto granted = m_tenant.clientGrants().create(created.value().clientId,
                                                                  m_tenant.loginServer().managementAudience(),
                                                                  {QStringLiteral("read:clients"),
                                                                   QStringLiteral("read:users"),
                                                                   QStringLiteral("read:logs")});
                    !granted)
                    return fail(granted.error().message());
        }
        sendTestMessage();
    });
    seeder->start();
}

void ScreenshotRenderer::sendTestMessage()
{
    auto installed = m_tenant.integrations().findByCatalogId(PlivoIntegration::CatalogId);
    if (!installed || !installed.value())
        return fail(tr("The Plivo integration was not installed."));
    SmsSend *sms = m_tenant.sms().send(*installed.value(),
                                       QStringLiteral("+12015550123"),
                                       tr("Your verification code is 482913"),
                                       QStringLiteral("screenshots"));
    connect(sms, &SmsSend::finished, this, [this, sms](SmsSend *, bool) {
        if (!sms->error().isEmpty())
            return fail(sms->error());
        seedCustomActions();
    });
}

namespace {

const char *const kFetchV1 = R"js(/**
 * Sends the code with Plivo's Message API.
 * @param {Event} event - Details about the user and the message.
 * @param {SendPhoneMessageAPI} api - Methods to change the behavior of the flow.
 */
exports.onExecuteSendPhoneMessage = async (event, api) => {
  const { recipient, text } = event.message_options;
  const id = event.secrets.PLIVO_AUTH_ID;
  const auth = Buffer.from(`${id}:${event.secrets.PLIVO_AUTH_TOKEN}`).toString('base64');
  await fetch(`https://api.plivo.com/v1/Account/${id}/Message/`, {
    method: 'POST',
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ src: event.secrets.PLIVO_NUMBER, dst: recipient, text }),
  });
};
)js";

const char *const kFetchV2 = R"js(/**
 * Sends the code with Plivo's Message API, and fails the flow when Plivo refuses it.
 * @param {Event} event - Details about the user and the message.
 * @param {SendPhoneMessageAPI} api - Methods to change the behavior of the flow.
 */
exports.onExecuteSendPhoneMessage = async (event, api) => {
  const { recipient, text } = event.message_options;
  const id = event.secrets.PLIVO_AUTH_ID;
  const auth = Buffer.from(`${id}:${event.secrets.PLIVO_AUTH_TOKEN}`).toString('base64');
  const response = await fetch(`https://api.plivo.com/v1/Account/${id}/Message/`, {
    method: 'POST',
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ src: event.secrets.PLIVO_NUMBER, dst: recipient, text }),
  });
  if (!response.ok)
    throw new Error(`Plivo answered ${response.status}: ${await response.text()}`);
  const { message_uuid } = await response.json();
  console.log(`queued ${message_uuid[0]} for ${event.message_options.action}`);
};
)js";

} // namespace

void ScreenshotRenderer::seedCustomActions()
{
    CustomActionService &actions = m_tenant.customActions();
    auto tagging = actions.create(QStringLiteral("Tag first logins"), QStringLiteral("post-login"));
    auto sending
        = actions.create(QStringLiteral("Send with Plivo fetch"), QStringLiteral("send-phone-message"));
    if (!tagging || !sending)
        return fail(!tagging ? tagging.error().message() : sending.error().message());
    m_customActionId = sending.value().id;
    actions.setSecret(m_customActionId, PlivoIntegration::AuthId, "MASANDBOX0AUTHDECK01");
    actions.setSecret(m_customActionId, PlivoIntegration::AuthToken, "authdeck-sandbox-token");
    deployNext(m_customActionId, {QLatin1String(kFetchV1), QLatin1String(kFetchV2)});
}

void ScreenshotRenderer::deployNext(const QString &id, QStringList codes)
{
    CustomActionService &actions = m_tenant.customActions();
    auto action = actions.find(id);
    if (!action)
        return fail(action.error().message());
    if (codes.isEmpty()) {
        // A draft edit after the last deploy, so that the history has something to compare.
        const QString draft = action.value().code
            + QStringLiteral("// Next: retry once when Plivo answers with a 5xx status.\n");
        if (auto saved = actions.saveDraft(id, draft, action.value().dependencies, action.value().revision);
            !saved)
            return fail(saved.error().message());
        return renderAll();
    }
    if (auto saved = actions.saveDraft(id, codes.takeFirst(), {}, action.value().revision); !saved)
        return fail(saved.error().message());
    // Without Node.js the deploy fails: the pages then show the action as not deployed, which is fine.
    CustomActionJob *deploy = actions.deploy(id);
    connect(deploy, &CustomActionJob::finished, this, [this, id, codes] { deployNext(id, codes); });
}

void ScreenshotRenderer::saveRefusedSettings(ApplicationPage *page, const QString &name)
{
    // A bad callback URL saved: refused, the field shown and focused. Then the stored settings again.
    auto *settings = page->findChild<ApplicationSettingsTab *>(QStringLiteral("settingsTab"));
    auto *callbacks = page->findChild<UrlListEdit *>(QStringLiteral("callbacksEdit"));
    auto *scroll = page->findChild<QScrollArea *>(QStringLiteral("pageScroll"));
    auto stored = m_tenant.applications().find(page->clientId());
    if (!settings || !callbacks || !scroll || !stored)
        return;
    callbacks->editor()->appendPlainText(QStringLiteral("ftp://x"));
    settings->save();
    save(&m_window, name);
    settings->load(stored.value());
    scroll->verticalScrollBar()->setValue(0);
}

void ScreenshotRenderer::saveApiPage(const QString &name)
{
    // The authorized application expanded, with its scopes and Update; then the read-only settings.
    m_window.showPage(Page::Id::Api, QStringLiteral("machine-to-machine"));
    auto *page = static_cast<ApiPage *>(m_window.page(Page::Id::Api));
    auto apps = m_tenant.applications().list();
    ApiClientRow *row = nullptr;
    for (const ApplicationSummary &app : apps ? apps.value() : QList<ApplicationSummary>()) {
        if (app.name == QLatin1String("Billing Service"))
            row = page->clientsTab()->row(app.clientId);
    }
    if (row)
        row->setExpanded(true);
    save(&m_window, name + QStringLiteral("-machine-to-machine"));
    if (row)
        row->setExpanded(false);
    m_window.showPage(Page::Id::Api, QStringLiteral("settings"));
    save(&m_window, name + QStringLiteral("-settings"));
    m_window.showPage(Page::Id::Api, QStringLiteral("machine-to-machine"));
}

void ScreenshotRenderer::saveConfirmation(const QString &name, const std::function<void()> &open)
{
    // The box runs its own event loop: it is written from there, and cancelled so that nothing changes.
    QTimer::singleShot(0, this, [this, name] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            m_error = tr("No confirmation was shown for %1.").arg(name);
            return;
        }
        save(box, name);
        box->button(QMessageBox::Cancel)->click();
    });
    open();
}

bool ScreenshotRenderer::save(QWidget *widget, const QString &name)
{
    QCoreApplication::processEvents();
    Q_EMIT rendering(widget, name);
    const QString file = QDir(m_folder).filePath(name + QLatin1Char('-') + m_theme + QStringLiteral(".png"));
    if (!widget->grab().save(file)) {
        m_error = tr("Could not write %1.").arg(file);
        return false;
    }
    m_written.append(file);
    return true;
}

void ScreenshotRenderer::renderAll()
{
    if (const QString error = ScreenshotUsers::seed(m_tenant); !error.isEmpty())
        return fail(error);
    auto firstSpa = m_tenant.applications().firstOfType(ApplicationType::SinglePage, false);
    const QString spa = firstSpa && firstSpa.value() ? firstSpa.value()->clientId : QString();

    for (Theme::Mode mode : {Theme::Mode::Light, Theme::Mode::Dark}) {
        Theme::instance().apply(mode);
        m_theme = Theme::modeKey(mode);
        m_window.show();
        for (const auto &[id, name] : Page::names()) {
            if (id == Page::Id::Application) {
                m_window.showPage(id, spa);
                auto *page = static_cast<ApplicationPage *>(m_window.page(id));
                page->tabs()->setCurrentIndex(0);
                save(&m_window, name + QStringLiteral("-quickstart"));
                page->tabs()->setCurrentIndex(1);
                save(&m_window, name + QStringLiteral("-settings"));
                saveRefusedSettings(page, name + QStringLiteral("-settings-refused"));
                continue;
            }
            if (id == Page::Id::Api) {
                saveApiPage(name);
                continue;
            }
            const QString argument = id == Page::Id::Integration ? PlivoIntegration::CatalogId
                : id == Page::Id::FlowEditor                     ? QStringLiteral("send-phone-message")
                : id == Page::Id::CustomAction                   ? m_customActionId
                                                                 : QString();
            m_window.showPage(id, argument);
            save(&m_window, name);
            if (id == Page::Id::MultiFactor) {
                // A policy chosen and not saved, then another page asked for: the unsaved-changes question.
                if (auto *never = m_window.page(id)->findChild<QRadioButton *>(QStringLiteral("policyNever")))
                    never->click();
                saveConfirmation(QStringLiteral("unsaved-changes-box"),
                                 [this] { m_window.showPage(Page::Id::GettingStarted); });
                m_window.showPage(id); // opened again, the page shows the stored policy
            }
            if (id == Page::Id::ActionsLibrary) {
                m_window.showPage(id, QStringLiteral("custom"));
                save(&m_window, name + QStringLiteral("-custom"));
                m_window.showPage(id);
            }
        }
        renderDialogs();
    }
    renderTryLogins();
}

void ScreenshotRenderer::renderTryLogins()
{
    // After the pages, so that these logins change none of their screenshots.
    const auto finish = [this] {
        m_window.showPage(Page::Id::GettingStarted);
        Q_EMIT finished(m_written, m_error);
    };
    auto firstSpa = m_tenant.applications().firstOfType(ApplicationType::SinglePage, false);
    if (!firstSpa || !firstSpa.value())
        return finish();
    const LoginContext context {firstSpa.value()->clientId, firstSpa.value()->name};
    UserStore &users = m_tenant.users();
    const QString password = QLatin1String(DemoSeeder::DemoPassword);

    // A user blocked on the Users page: the failure screen.
    const QString blockedEmail = QStringLiteral("blocked@authdeck.test");
    auto blocked = users.create(blockedEmail, password);
    if (!blocked || !users.block(blocked.value().id))
        return fail(tr("Could not block a user for the Try window."));
    auto *refused = new TryLoginWindow(m_tenant, context, &m_window);
    refused->transaction()->logIn(blockedEmail, password);

    // The demo user enrolls a phone: a timeline with every step, up to the SMS delivered (or 20 s).
    const QString demo = QLatin1String(DemoSeeder::DemoEmail);
    if (auto found = users.findByEmail(demo); !found || !found.value()) {
        if (auto created = users.create(demo, password); !created)
            return fail(created.error().message());
    }
    auto *enrolling = new TryLoginWindow(m_tenant, context, &m_window);
    LoginTransaction *login = enrolling->transaction();
    connect(
        login,
        &LoginTransaction::stateChanged,
        enrolling,
        [login](LoginTransaction::State state) {
            if (state == LoginTransaction::State::Enroll)
                login->enroll(QStringLiteral("US"), QStringLiteral("(201) 555-0123"));
        },
        Qt::QueuedConnection);
    auto rendered = std::make_shared<bool>(false);
    const auto render = [this, refused, enrolling, rendered, finish] {
        if (std::exchange(*rendered, true))
            return;
        for (Theme::Mode mode : {Theme::Mode::Light, Theme::Mode::Dark}) {
            Theme::instance().apply(mode);
            m_theme = Theme::modeKey(mode);
            for (const auto &[window, name] :
                 {std::pair {refused, "try-login-failed"}, std::pair {enrolling, "try-login-challenge"}}) {
                window->show();
                save(window, QLatin1String(name));
                window->hide();
            }
        }
        refused->deleteLater();
        enrolling->deleteLater();
        finish();
    };
    connect(login, &LoginTransaction::timelineEntryAdded, this, [this, render](const TimelineEntry &entry) {
        if (entry.step == QLatin1String("delivery") && entry.text.endsWith(QLatin1String(": delivered")))
            QTimer::singleShot(0, this, render);
    });
    QTimer::singleShot(20000, this, render);
    login->logIn(demo, password);
}

void ScreenshotRenderer::renderDialogs()
{
    CreateApplicationDialog create(m_tenant.applications(), &m_window);
    create.show();
    save(&create, QStringLiteral("create-application-dialog"));
    DeleteApplicationDialog remove(QStringLiteral("My React App"), &m_window);
    remove.show();
    save(&remove, QStringLiteral("delete-application-dialog"));

    const CatalogEntry *plivo = m_tenant.integrations().catalog().find(PlivoIntegration::CatalogId);
    if (!plivo)
        return;
    ConsentDialog consent(*plivo, &m_window);
    consent.show();
    save(&consent, QStringLiteral("consent-dialog"));
    ConfigureIntegrationDialog configure(m_tenant.integrations(), m_tenant.sms(), *plivo, &m_window);
    configure.show();
    save(&configure, QStringLiteral("configure-integration-dialog"));
    if (auto *testPhone = configure.findChild<QCheckBox *>(QStringLiteral("useSandboxCheck"))) {
        testPhone->setChecked(true);
        save(&configure, QStringLiteral("configure-integration-dialog-test-phone"));
    }

    auto installed = m_tenant.integrations().findByCatalogId(PlivoIntegration::CatalogId);
    if (installed && installed.value()) {
        SendTestSmsDialog send(m_tenant.sms(), *installed.value(), &m_window);
        send.show();
        save(&send, QStringLiteral("send-test-sms-dialog"));
    }
    auto firstWeb = m_tenant.applications().firstOfType(ApplicationType::RegularWeb, false);
    if (firstWeb && firstWeb.value()) {
        m_window.showPage(Page::Id::Application, firstWeb.value()->clientId);
        static_cast<ApplicationPage *>(m_window.page(Page::Id::Application))->tabs()->setCurrentIndex(1);
        if (auto *rotate = m_window.page(Page::Id::Application)
                               ->findChild<QPushButton *>(QStringLiteral("rotateSecretButton")))
            saveConfirmation(QStringLiteral("rotate-secret-confirmation"), [rotate] { rotate->click(); });
    }
    auto firstSpa = m_tenant.applications().firstOfType(ApplicationType::SinglePage, false);
    if (firstSpa && firstSpa.value()) {
        TryLoginWindow tryLogin(m_tenant, {firstSpa.value()->clientId, firstSpa.value()->name}, &m_window);
        tryLogin.show();
        save(&tryLogin, QStringLiteral("try-login"));
    }
    CreateActionDialog createAction(
        m_tenant.customActions(), QStringLiteral("send-phone-message"), &m_window);
    createAction.show();
    save(&createAction, QStringLiteral("create-action-dialog"));
    if (auto action = m_tenant.customActions().find(m_customActionId)) {
        VersionHistoryDialog history(
            m_tenant.customActions(), action.value(), action.value().code, false, &m_window);
        history.resize(1000, 640);
        history.show();
        history.selectVersion(1);
        if (auto *tabs = history.findChild<QTabWidget *>(QStringLiteral("versionTabs")))
            tabs->setCurrentIndex(tabs->count() - 1);
        save(&history, QStringLiteral("version-history-dialog"));
    }
    if (const QString error = ExchangeScreenshots::render(
            m_tenant, &m_window, [this](QWidget *widget, const QString &name) { return save(widget, name); });
        !error.isEmpty())
        m_error = error;
    {
        OpenTenantDialog open(&m_window);
        open.setLocation(QStringLiteral("/home/ada/tenants/staging.authdeck"));
        open.show();
        save(&open, QStringLiteral("open-tenant-dialog"));
        open.setLocation(QStringLiteral("postgresql://ada@db.example.com:5432/authdeck?sslmode=verify-full"));
        save(&open, QStringLiteral("open-tenant-dialog-postgres"));
    }
    AboutDialog about(m_tenant.path(), &m_window);
    about.show();
    save(&about, QStringLiteral("about-dialog"));
    KeyboardShortcutsDialog *keys = m_window.showKeyboardShortcuts();
    save(keys, QStringLiteral("keyboard-shortcuts-dialog"));
    keys->close();
    TestPhoneWindow *phone = m_window.showTestPhone();
    save(phone, QStringLiteral("test-phone"));
    phone->close();
}
