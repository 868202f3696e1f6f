#pragma once

#include "ui/shell/Page.h"

#include <QHash>
#include <QMainWindow>

struct LogEvent;
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
    /// The pages in sidebar order, with the file-name stem used for screenshots.
    static QList<QPair<Page::Id, QString>> pageNames();

    /// Restores the geometry and the last page from the settings.
    void restoreState();
    /// Opens (or raises) the Test phone window.
    TestPhoneWindow *showTestPhone();
    /// Checks that the system keyring answers; offers to keep secrets in memory if not.
    void checkSecretStore();
    /// Says in the window that a log event (an audit event, a login's) could not be written.
    void showLogFailure(const LogEvent &event, const QString &reason);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    Page *createPage(Page::Id id);
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
};
