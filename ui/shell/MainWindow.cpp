#include "MainWindow.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/Trigger.h"
#include "core/logs/LogStore.h"
#include "core/secrets/FallbackSecretStore.h"
#include "core/settings/TenantSettings.h"
#include "core/store/PostgresAddress.h"
#include "core/tenant/Tenant.h"
#include "ui/apis/ApiPage.h"
#include "ui/apis/ApisPage.h"
#include "ui/applications/ApplicationPage.h"
#include "ui/applications/ApplicationsPage.h"
#include "ui/common/MessageBar.h"
#include "ui/customactions/CustomActionPage.h"
#include "ui/exchange/TenantExchangeActions.h"
#include "ui/flows/FlowEditorPage.h"
#include "ui/flows/FlowsPage.h"
#include "ui/gettingstarted/GettingStartedPage.h"
#include "ui/library/CatalogPage.h"
#include "ui/library/IntegrationPage.h"
#include "ui/library/LibraryPage.h"
#include "ui/logs/LogsPage.h"
#include "ui/mfa/MultiFactorPage.h"
#include "ui/mfa/PhoneMessagePage.h"
#include "ui/settings/TenantSettingsPage.h"
#include "ui/shell/AboutDialog.h"
#include "ui/shell/KeyboardShortcutsDialog.h"
#include "ui/shell/Sidebar.h"
#include "ui/shell/Theme.h"
#include "ui/tenantopen/TenantLocation.h"
#include "ui/tenantopen/TenantOpenActions.h"
#include "ui/testphone/TestPhoneWindow.h"
#include "ui/users/UsersPage.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QStackedWidget>
#include <QToolBar>
#include <QUndoGroup>
#include <QUndoStack>

namespace {

const QString kLastPage = QStringLiteral("window/lastPage");
const QString kLastArgument = QStringLiteral("window/lastArgument");

} // namespace

MainWindow::MainWindow(Tenant &tenant, QWidget *parent)
    : QMainWindow(parent)
    , m_tenant(tenant)
    , m_undoGroup(new QUndoGroup(this))
    , m_launcher(
          [](const QString &program, const QStringList &arguments, const QProcessEnvironment &environment) {
              QProcess process;
              process.setProgram(program);
              process.setArguments(arguments);
              process.setProcessEnvironment(environment);
              return process.startDetached();
          })
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/authdeck/icons/authdeck.svg")));
    resize(1280, 820);

    // Every widget is created under its final parent: re-parenting a styled subtree polishes it again.
    auto *central = new QWidget(this);
    setCentralWidget(central);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_sidebar = new Sidebar(central);
    layout->addWidget(m_sidebar);
    auto *content = new QWidget(central);
    layout->addWidget(content, 1);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    m_banner = new MessageBar(content);
    m_banner->setObjectName(QStringLiteral("keyringBanner"));
    contentLayout->addWidget(m_banner);
    m_logBanner = new MessageBar(content);
    m_logBanner->setObjectName(QStringLiteral("logFailureBanner"));
    contentLayout->addWidget(m_logBanner);
    connect(&m_tenant.logs(), &LogStore::recordFailed, this, &MainWindow::showLogFailure);
    m_stack = new QStackedWidget(content);
    m_stack->setObjectName(QStringLiteral("pages"));
    contentLayout->addWidget(m_stack, 1);

    m_sidebar->addEntry(Page::Id::GettingStarted, tr("Getting Started"), QStringLiteral("getting-started"));
    m_sidebar->addSection(tr("Applications"));
    m_sidebar->addEntry(Page::Id::Applications, tr("Applications"), QStringLiteral("applications"));
    m_sidebar->addEntry(Page::Id::Apis, tr("APIs"), QStringLiteral("apis"));
    m_sidebar->addSection(tr("Actions"));
    m_sidebar->addEntry(Page::Id::ActionsLibrary, tr("Library"), QStringLiteral("library"));
    m_sidebar->addEntry(Page::Id::Flows, tr("Flows"), QStringLiteral("flows"));
    m_sidebar->addSection(tr("Security"));
    m_sidebar->addEntry(Page::Id::MultiFactor, tr("Multi-factor Auth"), QStringLiteral("lock"));
    m_sidebar->addSection(tr("User Management"));
    m_sidebar->addEntry(Page::Id::Users, tr("Users"), QStringLiteral("users"));
    m_sidebar->addSection(tr("Monitoring"));
    m_sidebar->addEntry(Page::Id::Logs, tr("Logs"), QStringLiteral("logs"));
    m_sidebar->addSection(tr("Tenant"));
    m_sidebar->addEntry(Page::Id::TenantSettings, tr("Settings"), QStringLiteral("settings"));

    connect(m_sidebar, &Sidebar::pageRequested, this, [this](Page::Id id) { showPage(id); });
    connect(&tenant.settings(), &TenantSettings::changed, this, &MainWindow::updateTitle);
    buildMenus();
    updateTitle();
    // Shown, not remembered: the page to reopen is the admin's, read by restoreState().
    display(Page::Id::GettingStarted, {});
}

Page *MainWindow::createPage(Page::Id id)
{
    switch (id) {
    case Page::Id::GettingStarted: {
        auto *gettingStarted = new GettingStartedPage(m_tenant, m_stack);
        gettingStarted->setDemoOffered(!isDemoTenant());
        connect(gettingStarted, &GettingStartedPage::demoRequested, this, &MainWindow::openDemoTenant);
        return gettingStarted;
    }
    case Page::Id::Applications:
        return new ApplicationsPage(m_tenant, m_stack);
    case Page::Id::Application:
        return new ApplicationPage(m_tenant, m_stack);
    case Page::Id::ActionsLibrary:
        return new LibraryPage(m_tenant, m_tenant.sms(), m_stack);
    case Page::Id::ActionsCatalog:
        return new CatalogPage(m_tenant.integrations().catalog(), m_stack);
    case Page::Id::Integration:
        return new IntegrationPage(m_tenant, m_tenant.sms(), m_stack);
    case Page::Id::CustomAction:
        return new CustomActionPage(m_tenant, m_stack);
    case Page::Id::Flows:
        return new FlowsPage(m_tenant.flows(), m_stack);
    case Page::Id::FlowEditor: {
        auto *editor = new FlowEditorPage(m_tenant, m_stack);
        connect(editor, &FlowEditorPage::undoStackChanged, this, [this](QUndoStack *stack) {
            if (!m_undoGroup->stacks().contains(stack))
                m_undoGroup->addStack(stack);
            m_undoGroup->setActiveStack(stack);
        });
        return editor;
    }
    case Page::Id::MultiFactor:
        return new MultiFactorPage(m_tenant, m_stack);
    case Page::Id::PhoneMessage:
        return new PhoneMessagePage(m_tenant, m_stack);
    case Page::Id::Users:
        return new UsersPage(m_tenant, m_stack);
    case Page::Id::Logs:
        return new LogsPage(m_tenant, m_stack);
    case Page::Id::TenantSettings:
        return new TenantSettingsPage(m_tenant.settings(), m_tenant.users(), m_tenant.loginServer(), m_stack);
    case Page::Id::Apis:
        return new ApisPage(m_tenant, m_stack);
    case Page::Id::Api:
        return new ApiPage(m_tenant, m_stack);
    }
    Q_UNREACHABLE();
}

Page *MainWindow::page(Page::Id id)
{
    if (Page *existing = m_pages.value(id))
        return existing;
    Page *created = createPage(id);
    created->setObjectName(Page::names().at(static_cast<int>(id)).second + QStringLiteral("Page"));
    m_pages.insert(id, created);
    m_stack->addWidget(created);
    connect(created, &Page::navigate, this, &MainWindow::showPage);
    return created;
}

bool MainWindow::showPage(Page::Id id, const QString &argument)
{
    if (!display(id, argument))
        return false;
    remember(id, argument);
    return true;
}

bool MainWindow::display(Page::Id id, const QString &argument)
{
    Page *target = page(id);
    Page *current = m_pages.value(m_current);
    if (current && current != target && m_stack->currentWidget() == current && !current->confirmLeave()) {
        m_sidebar->setCurrent(Page::sidebarEntry(m_current));
        return false;
    }
    m_current = id;
    target->open(argument);
    m_stack->setCurrentWidget(target);
    // Edit > Undo acts on the page in front only: no hidden draft is changed from elsewhere.
    auto *editor = qobject_cast<FlowEditorPage *>(target);
    m_undoGroup->setActiveStack(editor ? editor->undoStack() : nullptr);
    m_sidebar->setCurrent(Page::sidebarEntry(id));
    return true;
}

void MainWindow::remember(Page::Id id, const QString &argument)
{
    // Only what changed is written: the page reopened at start is already the one stored.
    QSettings settings;
    if (!settings.contains(kLastPage) || settings.value(kLastPage).toInt() != static_cast<int>(id))
        settings.setValue(kLastPage, static_cast<int>(id));
    if (!Page::isDetail(id)) {
        if (settings.contains(kLastArgument))
            settings.remove(kLastArgument);
    } else if (!argument.isEmpty()) { // empty: the page shows what it showed before
        const QString kept = argument.section(QLatin1Char('?'), 0, 0); // not a one-off "?add="
        if (settings.value(kLastArgument).toString() != kept)
            settings.setValue(kLastArgument, kept);
    }
}

bool MainWindow::canReopen(Page::Id id, const QString &argument) const
{
    if (argument.isEmpty())
        return false;
    switch (id) {
    case Page::Id::Application:
        return bool(m_tenant.applications().find(argument));
    case Page::Id::Integration:
        return m_tenant.integrations().catalog().find(argument) != nullptr;
    case Page::Id::CustomAction:
        return bool(m_tenant.customActions().find(argument));
    case Page::Id::FlowEditor:
        return Triggers::find(argument) != nullptr;
    default:
        return false;
    }
}

void MainWindow::restoreState()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    const int last = settings.value(kLastPage, 0).toInt();
    if (last < 0 || last >= Page::names().size())
        return;
    auto id = static_cast<Page::Id>(last);
    const QString argument = settings.value(kLastArgument).toString();
    if (!Page::isDetail(id))
        showPage(id);
    else if (canReopen(id, argument))
        showPage(id, argument);
    else // deleted since, or never named: the list it was opened from
        showPage(Page::sidebarEntry(id));
}

void MainWindow::setLauncher(Launcher launcher)
{
    m_launcher = std::move(launcher);
}

QString MainWindow::demoTenantPath()
{
    return QFileInfo(Tenant::defaultPath()).dir().filePath(QStringLiteral("demo.authdeck"));
}

bool MainWindow::isDemoTenant() const
{
    return QFileInfo(m_tenant.path()) == QFileInfo(demoTenantPath());
}

bool MainWindow::openDemoTenant()
{
    const QString program = QCoreApplication::applicationFilePath();
    if (m_launcher(program, {QStringLiteral("--demo")}, QProcessEnvironment::systemEnvironment()))
        return true;
    m_banner->showMessage(tr("The demo tenant could not be opened: %1 did not start. Run “authdeck --demo” "
                             "to open it.")
                              .arg(QDir::toNativeSeparators(program)),
                          MessageBar::Level::Error);
    return false;
}

bool MainWindow::openTenant(const QString &location, const QString &password, bool remember)
{
    if (auto address = PostgresAddress::parse(location); address && remember && !password.isEmpty()) {
        SecretJob *job = m_tenant.secrets().write(SecretStore::postgresPasswordKey(address.value().url()),
                                                  password.toUtf8());
        connect(job, &SecretJob::finished, this, [this](SecretJob *written) {
            if (!written->succeeded())
                m_banner->showMessage(
                    tr("The password could not be kept in the keyring: %1").arg(written->errorString()),
                    MessageBar::Level::Warning);
        });
    }
    const QString program = QCoreApplication::applicationFilePath();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!password.isEmpty())
        environment.insert(QStringLiteral("PGPASSWORD"), password);
    if (m_launcher(program, {QStringLiteral("--tenant"), location}, environment))
        return true;
    m_banner->showMessage(tr("The tenant %1 could not be opened: %2 did not start.")
                              .arg(TenantLocation::describe(location), QDir::toNativeSeparators(program)),
                          MessageBar::Level::Error);
    return false;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (Page *current = m_pages.value(m_current); current && !current->confirmLeave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    const QString geometryKey = QStringLiteral("window/geometry");
    if (const QByteArray geometry = saveGeometry(); settings.value(geometryKey).toByteArray() != geometry)
        settings.setValue(geometryKey, geometry);
    event->accept();
}

void MainWindow::updateTitle()
{
    const QString name = m_tenant.settings().friendlyName();
    const QString where = TenantLocation::describe(m_tenant.path());
    setWindowTitle(tr("%1 — %2 — Authdeck").arg(name, where));
    m_sidebar->setTenantName(
        tr("%1 · %2").arg(name, TenantSettings::environmentLabel(m_tenant.settings().environment())));
    m_sidebar->setTenantLocation(where);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    auto *opening = new TenantOpenActions(m_tenant.path(), this);
    connect(opening, &TenantOpenActions::openRequested, this, &MainWindow::openTenant);
    file->addAction(opening->openAction());
    file->addMenu(opening->recentMenu());
    file->addSeparator();
    auto *exchange = new TenantExchangeActions(m_tenant, this);
    file->addActions({exchange->exportAction(), exchange->importAction()});
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q)); // QKeySequence::Quit is empty in some key schemes

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    const QList<QPair<Page::Id, QString>> entries {{Page::Id::GettingStarted, tr("&Getting Started")},
                                                   {Page::Id::Applications, tr("&Applications")},
                                                   {Page::Id::ActionsLibrary, tr("Actions &Library")},
                                                   {Page::Id::Flows, tr("Actions &Flows")},
                                                   {Page::Id::MultiFactor, tr("&Multi-factor Auth")},
                                                   {Page::Id::Users, tr("&Users")},
                                                   {Page::Id::Logs, tr("L&ogs")},
                                                   {Page::Id::TenantSettings, tr("Tenant &Settings")}};
    int key = Qt::Key_1;
    for (const auto &[id, title] : entries) {
        QAction *action = go->addAction(title, this, [this, id = id] { showPage(id); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(key++)));
        // Next to Applications, as in the sidebar; without a number, so that Ctrl+1..8 keep their pages.
        if (id == Page::Id::Applications)
            go->addAction(tr("A&PIs"), this, [this] { showPage(Page::Id::Apis); });
    }

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoGroup->createUndoAction(this, tr("Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setObjectName(QStringLiteral("undoAction"));
    QAction *redo = m_undoGroup->createRedoAction(this, tr("Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    redo->setObjectName(QStringLiteral("redoAction"));
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    QAction *testPhone = tools->addAction(tr("&Test phone"), this, &MainWindow::showTestPhone);
    testPhone->setObjectName(QStringLiteral("testPhoneAction"));
    testPhone->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    testPhone->setIcon(Theme::instance().icon(QStringLiteral("phone")));
    QToolBar *toolbar = addToolBar(tr("Tools"));
    toolbar->setObjectName(QStringLiteral("toolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(testPhone);
    connect(&Theme::instance(), &Theme::changed, testPhone, [testPhone] {
        testPhone->setIcon(Theme::instance().icon(QStringLiteral("phone")));
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *themeMenu = view->addMenu(tr("&Theme"));
    auto *group = new QActionGroup(this);
    const QList<QPair<Theme::Mode, QString>> modes {{Theme::Mode::System, tr("Follow the &System")},
                                                    {Theme::Mode::Light, tr("&Light")},
                                                    {Theme::Mode::Dark, tr("&Dark")}};
    for (const auto &[mode, title] : modes) {
        QAction *action = themeMenu->addAction(title);
        action->setObjectName(QStringLiteral("theme-") + Theme::modeKey(mode));
        action->setCheckable(true);
        action->setChecked(Theme::instance().mode() == mode);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [mode = mode] {
            Theme::instance().apply(mode);
            QSettings().setValue(QStringLiteral("appearance/theme"), Theme::modeKey(mode));
        });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showKeyboardShortcuts);
    keys->setObjectName(QStringLiteral("keyboardShortcutsAction"));
    keys->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Question));
    QAction *about = help->addAction(tr("&About Authdeck"), this, [this] {
        auto *dialog = new AboutDialog(m_tenant.path(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setObjectName(QStringLiteral("aboutQtAction"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

KeyboardShortcutsDialog *MainWindow::showKeyboardShortcuts()
{
    QList<ShortcutGroup> groups = KeyboardShortcutsDialog::menuGroups(menuBar());
    groups.append({tr("Action code editor"), CustomActionPage::shortcuts()});
    auto *dialog = new KeyboardShortcutsDialog(groups, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

TestPhoneWindow *MainWindow::showTestPhone()
{
    if (!m_testPhone)
        m_testPhone = new TestPhoneWindow(m_tenant.sms().sandbox(), this);
    m_testPhone->show();
    m_testPhone->raise();
    m_testPhone->activateWindow();
    return m_testPhone;
}

void MainWindow::showLogFailure(const LogEvent &event, const QString &reason)
{
    m_logBanner->showMessage(tr("A log event (%1, “%2”) could not be written: %3\nMonitoring > Logs counts "
                                "the events lost since the tenant was opened.")
                                 .arg(event.type, event.description, reason),
                             MessageBar::Level::Warning);
}

void MainWindow::checkSecretStore()
{
    auto *fallback = qobject_cast<FallbackSecretStore *>(&m_tenant.secrets());
    if (!fallback || fallback->isMemoryOnly())
        return;
    connect(fallback->probe(), &SecretJob::finished, this, [this, fallback](SecretJob *job) {
        if (job->succeeded())
            return;
        m_banner->showMessage(
            tr("No system keyring answered, so client secrets cannot be stored.\n%1\nYou can "
               "go on with secrets kept in memory for this run only: they are gone when "
               "Authdeck quits, and nothing is written to disk.")
                .arg(job->errorString()),
            MessageBar::Level::Warning);
        m_banner->addAction(
            tr("Keep secrets in memory"), QStringLiteral("useMemorySecrets"), [this, fallback] {
                fallback->switchToMemory();
                m_banner->showMessage(tr("Secrets are kept in memory for this run only."),
                                      MessageBar::Level::Info);
            });
        m_banner->addAction(tr("Try again"), QStringLiteral("retryKeyring"), [this] {
            m_banner->clear();
            checkSecretStore();
        });
    });
}
