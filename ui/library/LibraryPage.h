#pragma once

#include "ui/shell/Page.h"

class CustomActionListModel;
class MessageBar;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTreeView;
class QVBoxLayout;
class SmsGateway;
class Tenant;
struct Integration;

/**
 * @brief Actions > Library: the installed integrations and Add Integration, and the custom actions with
 *        search and Create Action.
 *
 * The Custom tab lists the tenant's custom actions (CustomActionListModel, kept live); its title counts
 * them ("Custom (3)"). Opening an action, or creating one, navigates to Page::Id::CustomAction with its id.
 * The first time the tab is shown, Node.js is warmed up so that the action's editor opens ready; a line
 * under the search tells whether Node.js is ready or why it is not available.
 */
class LibraryPage : public Page
{
    Q_OBJECT

public:
    LibraryPage(Tenant &tenant, SmsGateway &gateway, QWidget *parent = nullptr);

    /// "custom" selects the Custom tab; anything else the Installed tab ("installed" also says that an
    /// integration was installed).
    void open(const QString &argument) override;
    QTabWidget *tabs() const { return m_tabs; }
    CustomActionListModel *customModel() const { return m_customModel; }

    /// Opens Create Action (window-modal, without blocking) with @p triggerId chosen at first; once an
    /// action was created, navigates to it.
    void createAction(const QString &triggerId = {});

private:
    QWidget *buildInstalledTab();
    QWidget *buildCustomTab();
    void rebuild();
    QWidget *cardFor(const Integration &integration);
    void editConfiguration(const QString &integrationId);
    void sendTest(const QString &integrationId);
    void uninstall(const QString &integrationId);

    void onTabChanged(int index);
    void openCustomAction(const QModelIndex &index);
    /// The Custom tab's title, and its list or empty state.
    void updateCustomState();
    void updateNodeStatus();

    Tenant &m_tenant;
    SmsGateway &m_gateway;
    MessageBar *m_message;
    QTabWidget *m_tabs;
    QPushButton *m_addIntegration;
    QPushButton *m_createAction;
    QVBoxLayout *m_installed;
    QLabel *m_installedCount;
    CustomActionListModel *m_customModel;
    QSortFilterProxyModel *m_customFilter;
    QWidget *m_customTab = nullptr;
    QLineEdit *m_customSearch;
    QLabel *m_nodeStatus;
    QStackedWidget *m_customBody;
    QTreeView *m_customView;
    QLabel *m_customEmpty;
    bool m_stale = true;
    bool m_customLoaded = false;
    bool m_warmedUp = false;
};
