#pragma once

#include "ui/shell/Page.h"

#include <QHash>
#include <QMainWindow>
#include <QProcessEnvironment>
#include <QStringList>

#include <functional>

struct LogEvent;
class KeyboardShortcutsDialog;
class MessageBar;
class QStackedWidget;
class QUndoGroup;
class Sidebar;
class Tenant;
class TestPhoneWindow;

/**
 * @brief The console: a sidebar of sections and the page that is open.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Tenant &tenant, QWidget *parent = nullptr);

    /// Opens @p page (asking the current page first); returns false if the admin stayed.
    bool showPage(Page::Id page, const QString &argument = {});
    Page::Id currentPageId() const { return m_current; }
    /// The page @p id; pages are built the first time they are needed.
    Page *page(Page::Id id);

    /// Restores the geometry and the last page from the settings, with the application, flow, integration or
    /// action it showed when that still exists (else the list it belongs to).
    void restoreState();

    /// Starts @p program with @p arguments and @p environment in a process of its own; false when it could
    /// not be started.
    using Launcher = std::function<bool(
        const QString &program, const QStringList &arguments, const QProcessEnvironment &environment)>;
    /// Replaces how other Authdeck windows are started (QProcess::startDetached); tests record instead.
    void setLauncher(Launcher launcher);
    /// The demo tenant's file, beside the default tenant: what `authdeck --demo` opens.
    static QString demoTenantPath();
    /// Whether the open tenant is the demo tenant.
    bool isDemoTenant() const;
    /// Opens the demo tenant in a new window (`authdeck --demo`); says so in the banner if it cannot.
    bool openDemoTenant();
    /// Opens the tenant at @p location (a file or a postgresql:// URL) in a new window (`authdeck --tenant`),
    /// giving the process @p password for the PostgreSQL server in PGPASSWORD, never on its command line, and
    /// keeping it in the secret store (the keyring) when @p remember; says so in the banner if it cannot.
    bool openTenant(const QString &location, const QString &password = {}, bool remember = false);
    /// Opens (or raises) the Test phone window.
    TestPhoneWindow *showTestPhone();
    /// Opens Help > Keyboard Shortcuts, read from the menus' actions and the editor's keys.
    KeyboardShortcutsDialog *showKeyboardShortcuts();
    /// Checks that the system keyring answers; offers to keep secrets in memory if not.
    void checkSecretStore();
    /// Says in the window that a log event (an audit event, a login's) could not be written.
    void showLogFailure(const LogEvent &event, const QString &reason);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    Page *createPage(Page::Id id);
    /// Shows @p id (asking the current page first) without remembering it; false if the admin stayed.
    bool display(Page::Id id, const QString &argument);
    /// Stores @p id, with the application, flow, integration or action it shows, as the page to reopen.
    void remember(Page::Id id, const QString &argument);
    /// Whether the application, flow, integration or action @p argument of detail page @p id still exists.
    bool canReopen(Page::Id id, const QString &argument) const;
    void buildMenus();
    void updateTitle();

    Tenant &m_tenant;
    QUndoGroup *m_undoGroup;
    Sidebar *m_sidebar = nullptr;
    MessageBar *m_banner = nullptr;
    MessageBar *m_logBanner = nullptr;
    QStackedWidget *m_stack = nullptr;
    TestPhoneWindow *m_testPhone = nullptr;
    QHash<Page::Id, Page *> m_pages;
    Page::Id m_current = Page::Id::GettingStarted;
    Launcher m_launcher;
};
